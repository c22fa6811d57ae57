namespace AiNewsDashboard.Core.Import;

/// <summary>Turns the front matter's root mapping into an <see cref="ArticleFile"/>, reporting problems on the context.</summary>
internal sealed class ArticleMapper
{
    private const int SmallListLimit = 16;

    private readonly ArticleFileParser.Context ctx;
    private readonly ParserOptions options;
    private readonly Action<YNode, string> warnNode;

    public ArticleMapper(ArticleFileParser.Context ctx, ParserOptions options)
    {
        this.ctx = ctx;
        this.options = options;
        warnNode = ctx.Warn;
    }

    public ParseResult Map(YNode root)
    {
        YNode? category = null, title = null, excerpt = null, published = null, originalUrl = null, webUrl = null,
            type = null, quality = null, heat = null, publishedFlag = null, provider = null, topics = null,
            images = null, related = null, secured = null;
        List<KeyValuePair<string, YNode>>? extras = null;

        List<YNode> items = root.Items!;
        for (int i = 0; i + 1 < items.Count; i += 2)
        {
            YNode key = items[i];
            YNode value = items[i + 1];
            if (!key.IsScalar)
            {
                ctx.Warn(key, "A top-level key that is a list or mapping was ignored.");
                continue;
            }

            switch (key.Value)
            {
                case "category": category = value; break;
                case "title": title = value; break;
                case "excerpt": excerpt = value; break;
                case "publishedDateTime": published = value; break;
                case "originalUrl": originalUrl = value; break;
                case "webUrl": webUrl = value; break;
                case "type": type = value; break;
                case "quality": quality = value; break;
                case "heat": heat = value; break;
                case "published": publishedFlag = value; break;
                case "provider": provider = value; break;
                case "topics": topics = value; break;
                case "images": images = value; break;
                case "related": related = value; break;
                case "secured": secured = value; break;
                default:
                    (extras ??= new List<KeyValuePair<string, YNode>>()).Add(new KeyValuePair<string, YNode>(key.Value, value));
                    break;
            }
        }

        // Required fields: every problem is listed before rejecting.
        string? titleText = null;
        if (title is null || title.IsNull)
        {
            ctx.Error(title is null ? null : ctx.LineOf(title), "Missing title: the front matter has no 'title' value.");
        }
        else if (!title.IsScalar)
        {
            ctx.Error(ctx.LineOf(title), "Invalid title: it must be text, not a list or mapping.");
        }
        else
        {
            titleText = title.Value.Trim();
            if (titleText.Length == 0)
            {
                ctx.Error(ctx.LineOf(title), "Invalid title: it is empty.");
                titleText = null;
            }
        }

        DateTime? publishedAt = null;
        if (published is null || published.IsNull)
        {
            ctx.Error(published is null ? null : ctx.LineOf(published), "Missing publishedDateTime: the front matter has no publication date.");
        }
        else if (!published.IsScalar || !ScalarRules.TryParseDate(published.Value, out DateTime date))
        {
            ctx.Error(ctx.LineOf(published), $"Invalid publishedDateTime {Quote(published)}: not a valid ISO-8601 date (e.g. 2021-12-14T23:46:00Z).");
        }
        else
        {
            publishedAt = Plausible(date, published, new Field(null, "publishedDateTime"));
        }

        UrlValue web = ReadUrl(webUrl);
        UrlValue original = ReadUrl(originalUrl);
        if (web.Url is null && original.Url is null)
        {
            if (!web.Present && !original.Present)
            {
                ctx.Error(null, "Missing webUrl and originalUrl: at least one http(s) URL is required.");
            }
            else
            {
                if (web.Present)
                {
                    ctx.Error(ctx.LineOf(webUrl), $"Invalid webUrl {Quote(webUrl!)}: not an absolute http(s) URL, and originalUrl gives no valid URL either.");
                }

                if (original.Present)
                {
                    ctx.Error(ctx.LineOf(originalUrl), $"Invalid originalUrl {Quote(originalUrl!)}: not an absolute http(s) URL, and webUrl gives no valid URL either.");
                }
            }
        }
        else
        {
            if (web.Present && web.Url is null)
            {
                ctx.Warn(webUrl, $"webUrl {Quote(webUrl!)} is not an absolute http(s) URL; stored as unknown.");
            }

            if (original.Present && original.Url is null)
            {
                ctx.Warn(originalUrl, $"originalUrl {Quote(originalUrl!)} is not an absolute http(s) URL; stored as unknown.");
            }
        }

        if (ctx.HasErrors)
        {
            return new ParseResult(null, ctx.ProblemList);
        }

        var article = new ArticleFile(
            Title: titleText!,
            PublishedAt: publishedAt,
            WebUrl: web.Url,
            OriginalUrl: original.Url,
            Excerpt: ReadText(excerpt, new Field(null, "excerpt")),
            Category: ReadText(category, new Field(null, "category")),
            Type: ReadText(type, new Field(null, "type")),
            Quality: ReadQuality(quality, new Field(null, "quality")),
            Heat: ReadHeat(heat),
            Published: ReadBool(publishedFlag, new Field(null, "published")),
            Provider: ReadProvider(provider, null),
            Topics: ReadTopics(topics),
            Images: ReadImages(images, null),
            Related: ReadRelated(related),
            Secured: ReadText(secured, new Field(null, "secured"), trim: false),
            ExtraJson: extras is null ? null : ExtraJsonWriter.Write(extras, options.MaxDepth, warnNode));

        return new ParseResult(article, ctx.ProblemList);
    }

    // ---- field readers -------------------------------------------------------------------------------------

    private readonly record struct UrlValue(bool Present, string? Url);

    /// <summary>Present = the field has a non-null value; Url = that value when it is a valid http(s) URL.</summary>
    private static UrlValue ReadUrl(YNode? node)
    {
        if (node is null || node.IsNull)
        {
            return default;
        }

        if (!node.IsScalar)
        {
            return new UrlValue(true, null);
        }

        string s = node.Value.Trim();
        if (s.Length == 0)
        {
            return default;
        }

        return new UrlValue(true, UrlRules.IsHttpUrl(s) ? s : null);
    }

    private string? ReadOptionalUrl(YNode? node, Field field)
    {
        UrlValue v = ReadUrl(node);
        if (v.Present && v.Url is null)
        {
            ctx.Warn(node, $"{field} {Quote(node!)} is not an absolute http(s) URL; stored as unknown.");
        }

        return v.Url;
    }

    private string? ReadText(YNode? node, Field field, bool trim = true)
    {
        if (node is null || node.IsNull)
        {
            return null;
        }

        if (!node.IsScalar)
        {
            ctx.Warn(node, $"{field} must be text, not a list or mapping; stored as unknown.");
            return null;
        }

        string s = trim ? node.Value.Trim() : node.Value;
        return s.Length == 0 ? null : s;
    }

    private int? ReadQuality(YNode? node, Field field)
    {
        if (node is null || node.IsNull)
        {
            return null;
        }

        if (!node.IsScalar || !ScalarRules.TryParseInt(node.Value, out int q))
        {
            ctx.Warn(node, $"{field} {Quote(node)} is not an integer; stored as unknown.");
            return null;
        }

        if (q < 0 || q > 100)
        {
            ctx.Warn(node, $"{field} {q} is outside 0-100; stored as unknown.");
            return null;
        }

        return q;
    }

    private int? ReadHeat(YNode? node)
    {
        if (node is null || node.IsNull)
        {
            return null;
        }

        if (!node.IsScalar || !ScalarRules.TryParseInt(node.Value, out int h))
        {
            ctx.Warn(node, $"heat {Quote(node)} is not an integer; stored as unknown.");
            return null;
        }

        if (h == -1)
        {
            return null; // -1 is how files say "unknown".
        }

        if (h < -1)
        {
            ctx.Warn(node, $"heat {h} is negative (only -1, meaning unknown, is allowed); stored as unknown.");
            return null;
        }

        return h;
    }

    private int? ReadSize(YNode? node, Field field)
    {
        if (node is null || node.IsNull)
        {
            return null;
        }

        if (!node.IsScalar || !ScalarRules.TryParseInt(node.Value, out int n) || n < 0)
        {
            ctx.Warn(node, $"{field} {Quote(node)} is not a non-negative integer; stored as unknown.");
            return null;
        }

        return n;
    }

    private bool? ReadBool(YNode? node, Field field)
    {
        if (node is null || node.IsNull)
        {
            return null;
        }

        if (!node.IsScalar || !ScalarRules.TryParseBool(node.Value, out bool b))
        {
            ctx.Warn(node, $"{field} {Quote(node)} is not a boolean (true/false); stored as unknown.");
            return null;
        }

        return b;
    }

    private DateTime? ReadOptionalDate(YNode? node, Field field)
    {
        if (node is null || node.IsNull)
        {
            return null;
        }

        if (!node.IsScalar || !ScalarRules.TryParseDate(node.Value, out DateTime d))
        {
            ctx.Warn(node, $"{field} {Quote(node)} is not a valid ISO-8601 date; stored as unknown.");
            return null;
        }

        return Plausible(d, node, field);
    }

    /// <summary>
    /// The date, or null with a warning when it is outside the plausible window: one article dated 9999-12-31 or
    /// 0001-01-01 stretched every time axis over millennia (a 10 MB topics page).
    /// </summary>
    private DateTime? Plausible(DateTime date, YNode node, Field field)
    {
        if (options.IsPlausible(date))
        {
            return date;
        }

        ctx.Warn(node, $"{field} {Quote(node)} is outside the plausible dates, {options.DateWindow} (Import:EarliestDate, Import:LatestDateDaysAhead); stored as unknown.");
        return null;
    }

    private ProviderInfo? ReadProvider(YNode? node, string? prefix)
    {
        if (node is null || node.IsNull)
        {
            return null;
        }

        if (node.IsScalar)
        {
            string name = node.Value.Trim();
            return name.Length == 0 ? null : new ProviderInfo(name, null);
        }

        if (node.Kind != YNodeKind.Mapping)
        {
            ctx.Warn(node, $"{new Field(prefix, "provider")} must be a mapping with name and domain, not a list; stored as unknown.");
            return null;
        }

        YNode? nameNode = null, domainNode = null;
        List<YNode> items = node.Items!;
        for (int i = 0; i + 1 < items.Count; i += 2)
        {
            YNode key = items[i];
            if (!key.IsScalar)
            {
                continue;
            }

            if (key.Value == "name")
            {
                nameNode = items[i + 1];
            }
            else if (key.Value == "domain")
            {
                domainNode = items[i + 1];
            }
        }

        string? providerName = ReadText(nameNode, new Field(prefix, "provider.name"));
        string? domain = ReadText(domainNode, new Field(prefix, "provider.domain"))?.ToLowerInvariant();
        return providerName is null && domain is null ? null : new ProviderInfo(providerName, domain);
    }

    private IReadOnlyList<string> ReadTopics(YNode? node)
    {
        if (node is null || node.IsNull)
        {
            return Array.Empty<string>();
        }

        if (node.IsScalar)
        {
            string single = node.Value.Trim();
            return single.Length == 0 ? Array.Empty<string>() : new[] { single };
        }

        if (node.Kind == YNodeKind.Mapping)
        {
            ctx.Warn(node, "topics must be a list of text, not a mapping; ignored.");
            return Array.Empty<string>();
        }

        List<YNode> items = node.Items!;
        var topics = new List<string>(items.Count);
        HashSet<string>? seen = items.Count > SmallListLimit ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
        for (int i = 0; i < items.Count; i++)
        {
            YNode item = items[i];
            if (item.IsNull)
            {
                continue;
            }

            if (!item.IsScalar)
            {
                ctx.Warn(item, $"topics[{i}] is a list or mapping, not text; skipped.");
                continue;
            }

            string topic = item.Value.Trim();
            if (topic.Length == 0)
            {
                continue;
            }

            bool duplicate;
            if (seen is not null)
            {
                duplicate = !seen.Add(topic);
            }
            else
            {
                duplicate = false;
                foreach (string existing in topics)
                {
                    if (string.Equals(existing, topic, StringComparison.OrdinalIgnoreCase))
                    {
                        duplicate = true;
                        break;
                    }
                }
            }

            if (!duplicate)
            {
                topics.Add(topic);
            }
        }

        return topics.Count == 0 ? Array.Empty<string>() : topics;
    }

    private IReadOnlyList<ImageInfo> ReadImages(YNode? node, string? prefix)
    {
        if (node is null || node.IsNull)
        {
            return Array.Empty<ImageInfo>();
        }

        if (node.Kind == YNodeKind.Mapping)
        {
            return new[] { ReadImage(node, new Field(prefix, "images").ToString()) };
        }

        if (node.IsScalar)
        {
            ctx.Warn(node, $"{new Field(prefix, "images")} must be a list of images, not text; ignored.");
            return Array.Empty<ImageInfo>();
        }

        List<YNode> items = node.Items!;
        var images = new List<ImageInfo>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            YNode item = items[i];
            if (item.IsNull)
            {
                continue;
            }

            if (item.Kind != YNodeKind.Mapping)
            {
                ctx.Warn(item, $"{new Field(prefix, "images")}[{i}] is not a mapping (url, width, height, isCached); skipped.");
                continue;
            }

            images.Add(ReadImage(item, prefix is null ? $"images[{i}]" : $"{prefix}.images[{i}]"));
        }

        return images.Count == 0 ? Array.Empty<ImageInfo>() : images;
    }

    private ImageInfo ReadImage(YNode map, string prefix)
    {
        YNode? url = null, width = null, height = null, cached = null;
        List<YNode> items = map.Items!;
        for (int i = 0; i + 1 < items.Count; i += 2)
        {
            YNode key = items[i];
            if (!key.IsScalar)
            {
                continue;
            }

            switch (key.Value)
            {
                case "url": url = items[i + 1]; break;
                case "width": width = items[i + 1]; break;
                case "height": height = items[i + 1]; break;
                case "isCached": cached = items[i + 1]; break;
            }
        }

        return new ImageInfo(
            ReadOptionalUrl(url, new Field(prefix, "url")),
            ReadSize(width, new Field(prefix, "width")),
            ReadSize(height, new Field(prefix, "height")),
            ReadBool(cached, new Field(prefix, "isCached")));
    }

    private IReadOnlyList<RelatedEntry> ReadRelated(YNode? node)
    {
        if (node is null || node.IsNull)
        {
            return Array.Empty<RelatedEntry>();
        }

        if (node.Kind == YNodeKind.Mapping)
        {
            return new[] { ReadRelatedEntry(node, "related") };
        }

        if (node.IsScalar)
        {
            ctx.Warn(node, "related must be a list of entries, not text; ignored.");
            return Array.Empty<RelatedEntry>();
        }

        List<YNode> items = node.Items!;
        var entries = new List<RelatedEntry>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            YNode item = items[i];
            if (item.IsNull)
            {
                continue;
            }

            if (item.Kind != YNodeKind.Mapping)
            {
                ctx.Warn(item, $"related[{i}] is not a mapping; skipped.");
                continue;
            }

            entries.Add(ReadRelatedEntry(item, $"related[{i}]"));
        }

        return entries.Count == 0 ? Array.Empty<RelatedEntry>() : entries;
    }

    private RelatedEntry ReadRelatedEntry(YNode map, string field)
    {
        YNode? title = null, excerpt = null, published = null, webUrl = null, ampUrl = null, cdnAmpUrl = null,
            type = null, provider = null, quality = null, images = null;
        List<KeyValuePair<string, YNode>>? extras = null;
        List<YNode> items = map.Items!;
        for (int i = 0; i + 1 < items.Count; i += 2)
        {
            YNode key = items[i];
            YNode value = items[i + 1];
            if (!key.IsScalar)
            {
                ctx.Warn(key, $"A key of {field} that is a list or mapping was ignored.");
                continue;
            }

            switch (key.Value)
            {
                case "title": title = value; break;
                case "excerpt": excerpt = value; break;
                case "publishedDateTime": published = value; break;
                case "webUrl": webUrl = value; break;
                case "ampWebUrl": ampUrl = value; break;
                case "cdnAmpWebUrl": cdnAmpUrl = value; break;
                case "type": type = value; break;
                case "provider": provider = value; break;
                case "quality": quality = value; break;
                case "images": images = value; break;
                default:
                    (extras ??= new List<KeyValuePair<string, YNode>>()).Add(new KeyValuePair<string, YNode>(key.Value, value));
                    break;
            }
        }

        string? web = ReadOptionalUrl(webUrl, new Field(field, "webUrl"));
        string? amp = ReadOptionalUrl(ampUrl, new Field(field, "ampWebUrl"));
        string? cdnAmp = ReadOptionalUrl(cdnAmpUrl, new Field(field, "cdnAmpWebUrl"));
        if (web is null && amp is null && cdnAmp is null)
        {
            ctx.Warn(map, $"{field} has no valid http(s) URL (webUrl, ampWebUrl or cdnAmpWebUrl); kept without links.");
        }

        return new RelatedEntry(
            Title: ReadText(title, new Field(field, "title")),
            Excerpt: ReadText(excerpt, new Field(field, "excerpt")),
            PublishedAt: ReadOptionalDate(published, new Field(field, "publishedDateTime")),
            WebUrl: web,
            AmpWebUrl: amp,
            CdnAmpWebUrl: cdnAmp,
            Type: ReadText(type, new Field(field, "type")),
            Provider: ReadProvider(provider, field),
            Quality: ReadQuality(quality, new Field(field, "quality")),
            Images: ReadImages(images, field),
            ExtraJson: extras is null ? null : ExtraJsonWriter.Write(extras, options.MaxDepth, warnNode));
    }

    /// <summary>A field's name for messages ("quality", "related[2].images[0].url"), only built when a message needs it.</summary>
    private readonly record struct Field(string? Prefix, string Name)
    {
        public override string ToString() => Prefix is null ? Name : Prefix + "." + Name;
    }

    /// <summary>The node's value for a message: a short quoted excerpt, or "(a list)" / "(a mapping)".</summary>
    private static string Quote(YNode node) => node.Kind switch
    {
        YNodeKind.Scalar => "'" + YamlNodeReader.Preview(node.Value) + "'",
        YNodeKind.Sequence => "(a list)",
        _ => "(a mapping)",
    };
}
