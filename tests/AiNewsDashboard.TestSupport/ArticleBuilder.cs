using System.Globalization;
using System.Text;

namespace AiNewsDashboard.TestSupport;

/// <summary>
/// Builds the text of an article file, shaped like the real samples:
/// <c>new ArticleBuilder().From("example.com").PublishedOn(2025, 3, 1).Build()</c>.
/// </summary>
public sealed class ArticleBuilder
{
    private static int _counter;
    private readonly int _n = Interlocked.Increment(ref _counter);
    private string? _title;
    private string _domain = "news.example";
    private string? _providerName;
    private DateTime _published = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private string? _url;
    private string? _originalUrl;
    private int? _quality = 50;
    private string? _heat = "10";
    private string _category = "news";
    private bool? _publishedFlag = false;
    private string? _excerpt;
    private readonly List<string> _topics = ["AI"];
    private readonly List<string> _related = [];
    private readonly List<string> _extraLines = [];
    private readonly List<string> _images = [];

    public string Url => _url ?? $"https://{_domain}/{_published:yyyy/MM/dd}/story-{_n}";

    public ArticleBuilder Titled(string title) { _title = title; return this; }
    public ArticleBuilder From(string domain, string? name = null) { _domain = domain; _providerName = name; return this; }
    public ArticleBuilder PublishedOn(int year, int month, int day, int hour = 12) { _published = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc); return this; }
    public ArticleBuilder PublishedAt(DateTime utc) { _published = DateTime.SpecifyKind(utc, DateTimeKind.Utc); return this; }

    /// <summary>The file's <c>published</c> flag (false unless set; null leaves the field out: unknown).</summary>
    public ArticleBuilder Published(bool? published) { _publishedFlag = published; return this; }
    public ArticleBuilder At(string url) { _url = url; return this; }
    public ArticleBuilder WithOriginalUrl(string url) { _originalUrl = url; return this; }
    public ArticleBuilder WithQuality(int? quality) { _quality = quality; return this; }
    public ArticleBuilder WithHeat(int heat) { _heat = heat.ToString(CultureInfo.InvariantCulture); return this; }
    /// <summary>No heat in the file, as most real articles.</summary>
    public ArticleBuilder WithoutHeat() { _heat = null; return this; }
    public ArticleBuilder InCategory(string category) { _category = category; return this; }
    public ArticleBuilder WithExcerpt(string excerpt) { _excerpt = excerpt; return this; }
    public ArticleBuilder WithTopics(params string[] topics) { _topics.Clear(); _topics.AddRange(topics); return this; }
    public ArticleBuilder WithLine(string yamlLine) { _extraLines.Add(yamlLine); return this; }
    public ArticleBuilder WithImage(string url) { _images.Add(url); return this; }

    /// <summary>Adds a related entry pointing at <paramref name="url"/>, described as the related list would.</summary>
    public ArticleBuilder RelatedTo(string url, string title = "A related story", string domain = "other.example", int quality = 40, string? ampUrl = null)
    {
        var sb = new StringBuilder();
        sb.Append("  - title: ").Append(Quote(title)).Append('\n');
        sb.Append("    publishedDateTime: ").Append(_published.AddHours(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("    webUrl: ").Append(Quote(url)).Append('\n');
        if (ampUrl is not null)
            sb.Append("    ampWebUrl: ").Append(Quote(ampUrl)).Append('\n');
        sb.Append("    type: article\n");
        sb.Append("    provider:\n      name: ").Append(Quote(domain)).Append("\n      domain: ").Append(domain).Append('\n');
        sb.Append("    quality: ").Append(quality.ToString(CultureInfo.InvariantCulture)).Append('\n');
        _related.Add(sb.ToString());
        return this;
    }

    public ArticleBuilder RelatedTo(ArticleBuilder other) => RelatedTo(other.Url, other._title ?? $"Story {other._n}", other._domain);

    public string Build()
    {
        var sb = new StringBuilder("---\n");
        sb.Append("category: ").Append(_category).Append('\n');
        sb.Append("title: ").Append(Quote(_title ?? $"Story {_n}")).Append('\n');
        sb.Append("excerpt: ").Append(Quote(_excerpt ?? $"Excerpt of story {_n}.")).Append('\n');
        sb.Append("publishedDateTime: ").Append(_published.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append('\n');
        if (_originalUrl is not null)
            sb.Append("originalUrl: ").Append(Quote(_originalUrl)).Append('\n');
        sb.Append("webUrl: ").Append(Quote(Url)).Append('\n');
        sb.Append("type: article\n");
        if (_quality is { } q)
            sb.Append("quality: ").Append(q.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (_heat is not null)
            sb.Append("heat: ").Append(_heat).Append('\n');
        if (_publishedFlag is { } p)
            sb.Append("published: ").Append(p ? "true" : "false").Append('\n');
        sb.Append('\n');
        sb.Append("provider:\n  name: ").Append(Quote(_providerName ?? _domain)).Append("\n  domain: ").Append(_domain).Append("\n\n");
        if (_topics.Count > 0)
        {
            sb.Append("topics:\n");
            foreach (var t in _topics)
                sb.Append("  - ").Append(Quote(t)).Append('\n');
        }
        if (_images.Count > 0)
        {
            sb.Append("\nimages:\n");
            foreach (var i in _images)
                sb.Append("  - url: ").Append(Quote(i)).Append('\n');
        }
        if (_related.Count > 0)
        {
            sb.Append("\nrelated:\n");
            foreach (var r in _related)
                sb.Append(r);
        }
        foreach (var line in _extraLines)
            sb.Append(line).Append('\n');
        sb.Append("---\n");
        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
