using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// PostgreSQL's text holds no NUL character and no half of a surrogate pair (a YAML escape such as <c>"\0"</c> or
/// <c>"\uD800"</c> gives either); SQLite stores both. The writer checks a file's text before it buffers anything of
/// it, so such a file is rejected with a message naming the field, and the rest of the batch goes on.
/// </summary>
internal static class StorableText
{
    public sealed class Exception(string message) : System.Exception(message);

    public static void Check(PreparedArticle prepared, SourceFile file)
    {
        var a = prepared.Article;
        Field("path", file.Path);
        Field("path", file.RelativePath);
        Field("title", a.Title);
        Field("excerpt", a.Excerpt);
        Field("webUrl", a.WebUrl);
        Field("originalUrl", a.OriginalUrl);
        Field("category", a.Category);
        Field("type", a.Type);
        Field("secured", a.Secured);
        Field("an unknown field", a.ExtraJson);
        Field("provider", a.Provider?.Name);
        Field("provider", a.Provider?.Domain);
        foreach (var topic in a.Topics)
            Field("topics", topic);
        foreach (var image in a.Images)
            Field("images", image.Url);
        foreach (var r in a.Related)
        {
            Field("related", r.Title);
            Field("related", r.Excerpt);
            Field("related", r.WebUrl);
            Field("related", r.AmpWebUrl);
            Field("related", r.CdnAmpWebUrl);
            Field("related", r.Type);
            Field("related", r.Provider?.Name);
            Field("related", r.Provider?.Domain);
            Field("related", r.ExtraJson);
            foreach (var image in r.Images)
                Field("related", image.Url);
        }
    }

    private static void Field(string name, string? value)
    {
        // Almost every value holds neither: two vectorised scans say so, and only the rare rest is walked.
        if (value is null || (!value.Contains('\0') && value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0))
            return;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
                throw new Exception($"its {name} holds a NUL character, which PostgreSQL can't store");
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(c))
                throw new Exception($"its {name} holds half of a UTF-16 surrogate pair (U+{(int)c:X4}), which PostgreSQL can't store");
        }
    }
}
