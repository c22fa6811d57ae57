namespace AiNewsDashboard.Web.Cli;

/// <summary>
/// A verb's arguments: positional values, its own options (<c>--name value</c> or bare flags), and configuration
/// overrides (<c>--Section:Key=value</c>) which feed the same configuration the web host reads.
/// </summary>
internal sealed class ParsedArgs
{
    private static readonly HashSet<string> Flags = ["--json", "--force"];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public required string Verb { get; init; }
    public List<string> Positional { get; } = [];
    public required IConfiguration Configuration { get; init; }

    public static ParsedArgs Parse(string[] args)
    {
        var configArgs = args.Skip(1).Where(IsConfigArg).ToArray();
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(configArgs)
            .Build();
        var parsed = new ParsedArgs { Verb = args[0].TrimStart('-') is "h" ? "help" : args[0].TrimStart('-'), Configuration = configuration };
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (IsConfigArg(arg))
                continue;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                if (Flags.Contains(arg))
                    parsed._options[arg] = null;
                else if (i + 1 < args.Length)
                    parsed._options[arg] = args[++i];
                else
                    throw new UsageException($"option {arg} needs a value.");
            }
            else
                parsed.Positional.Add(arg);
        }
        return parsed;
    }

    private static bool IsConfigArg(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':') && arg.Contains('=');

    public bool Has(string option) => _options.ContainsKey(option);
    public IEnumerable<string> OptionNames => _options.Keys;
    public string? Value(string option) => _options.GetValueOrDefault(option);

    public int? Int(string option) => Value(option) is not { } s ? null
        : int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new UsageException($"{option} takes a whole number, not '{s}'.");

    public void RejectUnknown(params string[] known)
    {
        foreach (var option in _options.Keys)
            if (!known.Contains(option))
                throw new UsageException($"unknown option {option} for '{Verb}'.");
    }
}
