using System.Buffers;
using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Demo;

/// <summary>
/// Renders a story member as an article file: YAML front matter between '---' lines, with the same field names, order,
/// blank lines and quoting as real files (strings double-quoted with \ and " escaped; names, domains and topics plain).
/// </summary>
internal sealed class DemoArticleWriter
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\\\"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private readonly StringBuilder _sb = new(8192);
    private readonly StringBuilder _cited = new(2048);
    private readonly byte[] _secret = new byte[512];
    private readonly char[] _base64 = new char[700];
    private readonly DemoRandom _rng = new(0);

    public string Write(DemoStory story, int index)
    {
        var m = story.Members[index];
        var sb = _sb.Clear();
        sb.Append("---\n");
        sb.Append("category: ").Append(m.Category).Append('\n');
        sb.Append("title: "); AppendQuoted(sb, m.Title); sb.Append('\n');
        sb.Append("excerpt: "); AppendQuoted(sb, m.Excerpt); sb.Append('\n');
        sb.Append("publishedDateTime: ").Append(m.DateText).Append('\n');
        sb.Append("originalUrl: "); AppendQuoted(sb, m.OriginalUrl); sb.Append('\n');
        sb.Append("webUrl: "); AppendQuoted(sb, m.WebUrl); sb.Append('\n');
        sb.Append("type: article\n");
        if (!m.Unscored)
        {
            sb.Append("quality: ").AppendInvariant(m.Quality).Append('\n');
            sb.Append("heat: ").AppendInvariant(m.Heat).Append('\n');
        }
        sb.Append("published: ").Append(m.Published ? "true" : "false").Append('\n');

        sb.Append("\nprovider:\n  name: ").Append(m.Provider.Name).Append("\n  domain: ").Append(m.Provider.Domain).Append('\n');

        sb.Append("\ntopics:\n");
        for (int i = 0; i < m.TopicCount; i++)
        {
            var name = DemoVocabulary.Topics[m.Topics[i]].Name;
            if (m.AliasTopics && DemoRealWorld.TopicAliases.TryGetValue(name, out var alias))
                name = alias;
            sb.Append("  - ").Append(name).Append('\n');
        }
        if (m.ExtraTopic is not null)
            sb.Append("  - ").Append(m.ExtraTopic).Append('\n');

        sb.Append("\nimages:\n");
        for (int i = 0; i < m.ImageCount; i++) AppendImage(sb, m.Images[i], "  ");

        if (m.RelatedCount > 0)
        {
            sb.Append("\nrelated:\n");
            for (int i = 0; i < m.RelatedCount; i++)
                sb.Append(CitedYaml(story.Members[m.Related[i]]));
        }

        sb.Append("\nsecured: \"");
        AppendSecured(sb, m.Id);
        sb.Append("\"\n---\n\n");
        return sb.ToString();
    }

    /// <summary>The member as an entry of someone else's related list; identical wherever it is cited.</summary>
    private string CitedYaml(DemoMember m)
    {
        if (m.CitedYaml is not null) return m.CitedYaml;
        var sb = _cited.Clear();
        sb.Append("  - title: "); AppendQuoted(sb, m.Title); sb.Append('\n');
        sb.Append("    excerpt: "); AppendQuoted(sb, m.Excerpt); sb.Append('\n');
        sb.Append("    publishedDateTime: ").Append(m.DateText).Append('\n');
        sb.Append("    webUrl: "); AppendQuoted(sb, m.WebUrl); sb.Append('\n');
        if (m.AmpUrl is not null)
        {
            sb.Append("    ampWebUrl: "); AppendQuoted(sb, m.AmpUrl); sb.Append('\n');
            sb.Append("    cdnAmpWebUrl: "); AppendQuoted(sb, m.CdnAmpUrl!); sb.Append('\n');
        }
        sb.Append("    type: article\n");
        sb.Append("    provider:\n      name: ").Append(m.Provider.Name).Append("\n      domain: ").Append(m.Provider.Domain).Append('\n');
        if (!m.Unscored)
            sb.Append("    quality: ").AppendInvariant(m.Quality).Append('\n');
        if (m.ImageWhenCited && m.ImageCount > 0)
        {
            sb.Append("    images:\n");
            AppendImage(sb, m.Images[0], "      ");
        }
        return m.CitedYaml = sb.ToString();
    }

    private static void AppendImage(StringBuilder sb, DemoImage image, string indent)
    {
        sb.Append(indent).Append("- url: "); AppendQuoted(sb, image.Url); sb.Append('\n');
        sb.Append(indent).Append("  width: ").AppendInvariant(image.Width).Append('\n');
        sb.Append(indent).Append("  height: ").AppendInvariant(image.Height).Append('\n');
        sb.Append(indent).Append("  isCached: ").Append(image.IsCached ? "true" : "false").Append('\n');
    }

    /// <summary>An opaque token shaped like the real ones: base64 payload ';' base64 16-byte nonce. Derived from the article id.</summary>
    private void AppendSecured(StringBuilder sb, uint id)
    {
        _rng.Reset(DemoRandom.Mix(0xA5A5_5A5A_0000_0000UL | id));
        int length = 16 * (14 + _rng.Next(12)) + _rng.Next(3);
        var payload = _secret.AsSpan(0, length);
        _rng.NextBytes(payload);
        Convert.TryToBase64Chars(payload, _base64, out int written);
        sb.Append(_base64, 0, written).Append(';');
        var nonce = _secret.AsSpan(0, 16);
        _rng.NextBytes(nonce);
        Convert.TryToBase64Chars(nonce, _base64, out written);
        sb.Append(_base64, 0, written);
    }

    /// <summary>YAML double-quoted scalar: backslash, double quote and control characters escaped.</summary>
    internal static void AppendQuoted(StringBuilder sb, string value)
    {
        sb.Append('"');
        var rest = value.AsSpan();
        int i;
        while ((i = rest.IndexOfAny(NeedsEscape)) >= 0)
        {
            sb.Append(rest[..i]);
            char c = rest[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default: sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
            }
            rest = rest[(i + 1)..];
        }
        sb.Append(rest).Append('"');
    }
}

internal static class DemoStringBuilderExtensions
{
    /// <summary>StringBuilder.Append(int) uses the current culture (e.g. ar-SA's negative sign): always format invariantly.</summary>
    public static StringBuilder AppendInvariant(this StringBuilder sb, int value)
    {
        Span<char> buffer = stackalloc char[11];
        value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        return sb.Append(buffer[..written]);
    }
}
