using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// Deterministic article files in the layout the demo generator and real files use (same field order, blank lines,
/// two-space indentation, double-quoted strings, plain names and numbers), varied the ways real files vary:
/// escapes, unicode (U+2028 and emoji included), ": " and " #" inside quotes, single quotes, plain strings with
/// comments, nulls, empty list items, comments, trailing spaces, CRLF, a BOM, unknown fields. About one file in
/// 300 also gets a construct outside the fast reader's subset (flow list, anchor, block scalar...).
/// </summary>
internal static class SyntheticArticles
{
    private static readonly string[] Words =
    {
        "AI", "model", "data", "Nvidia", "OpenAI", "launches", "chip", "training", "open-source", "regulators", "EU",
        "startup", "raises", "$65", "million", "Series", "B", "robots", "GPU", "benchmark", "50+", "C#", "R&D",
        "50%", "[beta]", "{draft}", "a/b", "x=y", "Ünïcödé", "naïve", "café", "東京", "数据", "Ελληνικά", "עברית",
        "People’s", "MLCommons™", "—", "…", "«quote»", "😀", "🚀", "#1", "@home", "`code`", "*star*", "&amp;", "!", "?",
        "~", "%", "|", ">", "<", "-", "--", "'", "it's", "\"Hi\"", "back\\slash", "C:\\path", "a:b", "key: value",
        "x #y", "tab\there", "line\nbreak", "cr\rret", "nul\u0001", "\u2028", "\u0085", "\u00A0", "\u2029", "null", "true", "42",
    };

    private static readonly string[] Plain = { "news", "business", "research", "Machine Learning", "AI", "Robotics",
        "Healthcare AI", "Natural Language Processing", "Associated Press", "SiliconANGLE", "TechCrunch", "Daily Ledger",
        "Über Tech", "AI/ML", "C++ Weekly", "R&D Today", "Q&A", "50/50", "e-mail", "x-y-z", "3D", "2021" };

    private static readonly string[] Outside =
    {
        "tags: [ai, ml]", "meta: {a: 1, b: [x, y]}", "anchor: &a text", "note: |\n  line one\n  line two",
        "folded: >\n  one\n  two", "typed: !!str 42", "complex:\n  ? key\n  : value", "multi: first line\n  second line",
        "\"quoted key\": v", "dup: 1\ndup: 2", "indentless:\n- a\n- b", "at: @handle", "tick: `cmd`",
        "quoted: \"first\n  second\"", "tabbed:\t1",
    };

    public static IEnumerable<(string Name, string Text)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(8192);
        for (int n = 0; n < count; n++)
        {
            yield return ($"synthetic #{n} (seed {seed})", Write(random, sb));
        }
    }

    private static string Write(Random r, StringBuilder sb)
    {
        sb.Clear();
        bool comments = r.Next(10) == 0;
        sb.Append("---\n");
        if (comments)
        {
            sb.Append("# exported by the news tool\n");
        }

        Line(r, sb, "category", r.Next(20) == 0 ? Quoted(r, Pick(r, Plain)) : Pick(r, Plain));
        Line(r, sb, "title", TextValue(r, 3 + r.Next(12)));
        Line(r, sb, "excerpt", r.Next(30) == 0 ? "" : TextValue(r, 10 + r.Next(50)));
        Line(r, sb, "publishedDateTime", DateValue(r));
        string url = Url(r);
        if (r.Next(4) != 0)
        {
            Line(r, sb, "originalUrl", r.Next(10) == 0 ? url : Quoted(r, url));
        }

        Line(r, sb, "webUrl", r.Next(10) == 0 ? url : Quoted(r, url));
        Line(r, sb, "type", "article");
        Line(r, sb, "quality", Number(r, 0, 101));
        Line(r, sb, "heat", Number(r, -1, 100));
        Line(r, sb, "published", r.Next(8) switch { 0 => "True", 1 => "FALSE", 2 => "\"true\"", _ => r.Next(2) == 0 ? "true" : "false" });

        sb.Append('\n');
        Provider(r, sb, "");

        sb.Append("\ntopics:\n");
        if (comments)
        {
            sb.Append("  # most specific first\n");
        }

        int topics = r.Next(5);
        for (int i = 0; i < topics; i++)
        {
            string item = r.Next(25) switch { 0 => "", 1 => "~", 2 => Quoted(r, Pick(r, Plain)), 3 => "'" + Pick(r, Plain) + "'", _ => Pick(r, Plain) };
            sb.Append("  -").Append(item.Length == 0 ? "" : " " + item).Append(Trailing(r)).Append('\n');
        }

        sb.Append("\nimages:\n");
        int images = r.Next(3);
        for (int i = 0; i < images; i++)
        {
            Image(r, sb, "  ");
        }

        int related = r.Next(4);
        if (related > 0)
        {
            sb.Append("\nrelated:\n");
            for (int i = 0; i < related; i++)
            {
                Related(r, sb);
            }
        }

        if (r.Next(5) == 0)
        {
            Extras(r, sb);
        }

        if (r.Next(300) == 0)
        {
            sb.Append(Pick(r, Outside)).Append('\n');
        }

        sb.Append("\nsecured: \"").Append(Convert.ToBase64String(Bytes(r, 200 + r.Next(200)))).Append(';')
            .Append(Convert.ToBase64String(Bytes(r, 16))).Append("\"\n");
        if (comments)
        {
            sb.Append("# end\n");
        }

        sb.Append("---\n\nBody text: not YAML [at all] {really} #here\n");

        string text = sb.ToString();
        if (r.Next(10) == 0)
        {
            text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        }

        if (r.Next(20) == 0)
        {
            text = "\uFEFF" + text;
        }

        return text;
    }

    private static void Provider(Random r, StringBuilder sb, string indent)
    {
        switch (r.Next(20))
        {
            case 0:
                sb.Append(indent).Append("provider:").Append(Trailing(r)).Append('\n');
                return;
            case 1:
                Line(r, sb, indent + "provider", Pick(r, Plain));
                return;
        }

        sb.Append(indent).Append("provider:\n");
        if (r.Next(15) == 0)
        {
            sb.Append('\n');
        }

        Line(r, sb, indent + "  name", r.Next(10) == 0 ? Quoted(r, Pick(r, Plain)) : Pick(r, Plain));
        Line(r, sb, indent + "  domain", r.Next(30) == 0 ? "" : "Example-" + r.Next(100) + ".COM");
    }

    private static void Image(Random r, StringBuilder sb, string indent)
    {
        sb.Append(indent).Append("- url: ").Append(Quoted(r, Url(r))).Append(Trailing(r)).Append('\n');
        Line(r, sb, indent + "  width", Number(r, 1, 3000));
        Line(r, sb, indent + "  height", Number(r, 1, 3000));
        Line(r, sb, indent + "  isCached", r.Next(2) == 0 ? "true" : "false");
    }

    private static void Related(Random r, StringBuilder sb)
    {
        if (r.Next(30) == 0)
        {
            sb.Append("  -\n    title: ").Append(TextValue(r, 4)).Append('\n');
        }
        else
        {
            sb.Append("  - title: ").Append(TextValue(r, 3 + r.Next(10))).Append('\n');
        }

        Line(r, sb, "    excerpt", TextValue(r, 5 + r.Next(30)));
        Line(r, sb, "    publishedDateTime", DateValue(r));
        Line(r, sb, "    webUrl", Quoted(r, Url(r)));
        if (r.Next(3) == 0)
        {
            Line(r, sb, "    ampWebUrl", Quoted(r, Url(r) + "/amp/"));
            Line(r, sb, "    cdnAmpWebUrl", Quoted(r, Url(r)));
        }

        Line(r, sb, "    type", "article");
        Provider(r, sb, "    ");
        Line(r, sb, "    quality", Number(r, 0, 101));
        if (r.Next(2) == 0)
        {
            sb.Append("    images:\n");
            Image(r, sb, "      ");
        }

        if (r.Next(15) == 0)
        {
            Line(r, sb, "    lang", Pick(r, Plain));
        }
    }

    private static void Extras(Random r, StringBuilder sb)
    {
        sb.Append('\n');
        Line(r, sb, "source_id", r.Next(1_000_000).ToString(CultureInfo.InvariantCulture));
        if (r.Next(2) == 0)
        {
            sb.Append("meta:\n  authors:\n    - ").Append(Pick(r, Plain)).Append("\n    - ").Append(Quoted(r, Pick(r, Words)))
                .Append("\n  flags:\n    seen: true\n    score: ").Append(Number(r, -5, 5)).Append("\n  empty:\n  nested:\n")
                .Append("    - name: x\n      tags:\n        - a\n        -\n    - ~\n");
        }

        if (r.Next(3) == 0)
        {
            Line(r, sb, "note", TextValue(r, 6));
        }
    }

    private static void Line(Random r, StringBuilder sb, string key, string value)
    {
        sb.Append(key).Append(':');
        if (value.Length > 0)
        {
            sb.Append(r.Next(40) == 0 ? "   " : " ").Append(value);
        }

        sb.Append(Trailing(r));
        if (r.Next(60) == 0 && value.Length > 0 && value[0] != '\'')
        {
            sb.Append(" # note");
        }

        sb.Append('\n');
    }

    private static string Trailing(Random r) => r.Next(40) == 0 ? "  " : "";

    private static string Number(Random r, int min, int max) => r.Next(40) switch
    {
        0 => "",
        1 => "~",
        2 => "null",
        3 => "\"" + r.Next(min, max).ToString(CultureInfo.InvariantCulture) + "\"",
        4 => "+" + r.Next(0, max).ToString(CultureInfo.InvariantCulture),
        _ => r.Next(min, max).ToString(CultureInfo.InvariantCulture),
    };

    private static string DateValue(Random r)
    {
        var d = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(r.Next(3_000_000));
        string s = d.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return r.Next(20) switch { 0 => "\"" + s + "\"", 1 => s[..10], 2 => s.Replace("Z", "+02:00", StringComparison.Ordinal), _ => s };
    }

    private static string Url(Random r) =>
        "https://" + Pick(r, new[] { "example.com", "news.example", "apnews.com", "techcrunch.com" }) + "/2021/" + r.Next(10_000)
        + (r.Next(5) == 0 ? "?utm=a&b=c#frag" : "/story-" + r.Next(100));

    /// <summary>A string value: usually double-quoted like real files, sometimes single-quoted or plain.</summary>
    private static string TextValue(Random r, int words)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < words; i++)
        {
            if (i > 0)
            {
                sb.Append(r.Next(50) == 0 ? "  " : " ");
            }

            sb.Append(r.Next(4) == 0 ? Pick(r, Words) : Pick(r, Plain));
        }

        string text = sb.ToString();
        int style = r.Next(20);
        if (style == 0 && !text.Any(char.IsControl))
        {
            return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        if (style == 1 && IsSafePlain(text))
        {
            return text;
        }

        return Quoted(r, text);
    }

    private static bool IsSafePlain(string s) =>
        s.Length > 0 && !" -?:,[]{}#&*!|>'\"%@`~".Contains(s[0]) && s[^1] != ' '
        && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal)
        && !s.Any(c => c < ' ' || c == '\u0085' || c == '\u2028' || c == '\u2029') && !s.EndsWith(':');

    /// <summary>YAML double-quoted, escaping as the demo writer does, with extra escapes YAML defines now and then.</summary>
    private static string Quoted(Random r, string value)
    {
        var sb = new StringBuilder(value.Length + 8).Append('"');
        foreach (Rune rune in value.EnumerateRunes())
        {
            int c = rune.Value;
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case < ' ': sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture)); break;
                case '/' when r.Next(20) == 0: sb.Append("\\/"); break;
                case '\u00E9' when r.Next(3) == 0: sb.Append("\\u00e9"); break;
                case '\u00A0' when r.Next(2) == 0: sb.Append("\\_"); break;
                case '\u2028' when r.Next(2) == 0: sb.Append("\\L"); break;
                case > 0xFFFF when r.Next(3) == 0: sb.Append("\\U").Append(c.ToString("X8", CultureInfo.InvariantCulture)); break;
                default: sb.Append(rune.ToString()); break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static string Pick(Random r, string[] items) => items[r.Next(items.Length)];

    private static byte[] Bytes(Random r, int n)
    {
        byte[] b = new byte[n];
        r.NextBytes(b);
        return b;
    }
}
