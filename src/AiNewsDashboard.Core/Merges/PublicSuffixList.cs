using System.Globalization;

namespace AiNewsDashboard.Core.Merges;

/// <summary>
/// The Public Suffix List (https://publicsuffix.org), as Debian's <c>publicsuffix</c> package installs it, for the
/// registrable domain of a provider: "news.bbc.co.uk" and "bbc.co.uk" share "bbc.co.uk", while two sites on
/// "blogspot.com" share nothing. Without the file, the registrable domain is taken as the last two labels, which is
/// wrong for "co.uk"-like suffixes; <see cref="Fallback"/> then says so.
/// </summary>
public sealed class PublicSuffixList
{
    public const string DefaultPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal); // "*.ck" is held as "ck"
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal); // "!www.ck" is held as "www.ck"
    private static readonly IdnMapping Idn = new();

    private PublicSuffixList(string path, string? fallback)
    {
        Path = path;
        Fallback = fallback;
    }

    /// <summary>Where the list was read from (or looked for).</summary>
    public string Path { get; }

    /// <summary>Null when the list was read; else why the last two labels stand in for it.</summary>
    public string? Fallback { get; }

    public int RuleCount => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Reads the list; a missing or unreadable file gives the two-label fallback, never an error.</summary>
    public static PublicSuffixList Load(string path = DefaultPath)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PublicSuffixList(path, $"the Public Suffix List was not found at {path} (Debian package publicsuffix), so the last two labels of each domain stood in for its registrable domain");
        }
        return Parse(lines, path);
    }

    /// <summary>The list from its text, one rule a line, as publicsuffix.org publishes it.</summary>
    public static PublicSuffixList Parse(IEnumerable<string> lines, string path = "(text)")
    {
        var list = new PublicSuffixList(path, null);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
                continue;
            var rule = Normalize(line.Split(' ', '\t')[0]);
            if (rule.StartsWith('!'))
                list._exceptions.Add(rule[1..]);
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
                list._wildcards.Add(rule[2..]);
            else
                list._rules.Add(rule);
        }
        return list;
    }

    /// <summary>
    /// The registrable domain (the public suffix and one label before it), lower case; null when the domain is itself a
    /// public suffix or not a domain name at all.
    /// </summary>
    public string? RegistrableDomain(string domain)
    {
        var labels = Normalize(domain.Trim().TrimEnd('.')).Split('.');
        if (labels.Any(l => l.Length == 0))
            return null;
        var suffixLabels = Fallback is null ? SuffixLength(labels) : 1;
        return labels.Length > suffixLabels ? string.Join('.', labels[^(suffixLabels + 1)..]) : null;
    }

    /// <summary>How many labels the public suffix of these labels has (the prevailing rule of the list's algorithm).</summary>
    private int SuffixLength(string[] labels)
    {
        // An exception rule wins: its suffix is the rule without its first label.
        for (var i = 0; i < labels.Length; i++)
            if (_exceptions.Contains(string.Join('.', labels[i..])))
                return labels.Length - i - 1;
        // Otherwise the longest matching rule; none matching means the implicit "*" (one label).
        for (var i = 0; i < labels.Length; i++)
        {
            if (_rules.Contains(string.Join('.', labels[i..])))
                return labels.Length - i;
            if (i + 1 < labels.Length && _wildcards.Contains(string.Join('.', labels[(i + 1)..])))
                return labels.Length - i;
        }
        return 1;
    }

    /// <summary>Lower case, and Unicode rather than punycode ("xn--"), as the list writes its rules.</summary>
    private static string Normalize(string name)
    {
        var lower = name.ToLowerInvariant();
        if (!lower.Contains("xn--", StringComparison.Ordinal))
            return lower;
        try
        {
            return Idn.GetUnicode(lower);
        }
        catch (ArgumentException)
        {
            return lower;
        }
    }
}
