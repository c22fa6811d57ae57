using System.Text;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using static AiNewsDashboard.Core.Tests.Import.TestDocs;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>Format rules 1-5: accepted spellings, extra fields, required fields, optional fields, line numbers.</summary>
public class ArticleFileParserRulesTests
{
    // ---- 1. accepted spellings ----------------------------------------------------------------------------

    [Fact]
    public void Parse_Utf8Bom_Accepted()
    {
        byte[] bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Valid())).ToArray();

        ArticleFile a = Accepted(new ArticleFileParser().Parse(bytes));

        Assert.Equal("Hello world", a.Title);
    }

    [Fact]
    public void ParseText_LeadingBomCharacter_Accepted()
    {
        ArticleFile a = Accepted(Parse("\uFEFF" + Valid()));

        Assert.Equal("Hello world", a.Title);
    }

    [Fact]
    public void Parse_CrlfLineEndings_Accepted()
    {
        string crlf = Valid("topics:", "  - AI", "  - ML", "excerpt: >", "  folded", "  text").Replace("\n", "\r\n");

        ArticleFile a = Accepted(new ArticleFileParser().Parse(Encoding.UTF8.GetBytes(crlf)));

        Assert.Equal("Hello world", a.Title);
        Assert.Equal("https://example.com/a", a.WebUrl);
        Assert.Equal(new[] { "AI", "ML" }, a.Topics);
        Assert.Equal("folded text", a.Excerpt);
    }

    [Fact]
    public void Parse_BodyAfterClosingFence_Ignored()
    {
        string text = Valid() + "# Body\n\nkey: [unclosed {\n---\n- not: yaml: at: all\n\0 is not checked here either? no: only UTF-8\n";
        text = text.Replace("\0", "NUL"); // NUL anywhere is rejected; the rest of the body is free text

        ArticleFile a = Accepted(Parse(text));

        Assert.Equal("Hello world", a.Title);
        Assert.Null(a.ExtraJson);
    }

    [Fact]
    public void Parse_ClosingFenceWithoutTrailingNewline_Accepted()
    {
        ArticleFile a = Accepted(Parse("---\n" + Title + "\n" + Date + "\n" + WebUrl + "\n---"));

        Assert.Equal("Hello world", a.Title);
    }

    [Fact]
    public void Parse_FlowStyleTopicsAndProvider_Accepted()
    {
        ArticleFile a = Accepted(Parse(Valid(
            "topics: [AI, \"Machine Learning\", Robotics]",
            "provider: {name: TechCrunch, domain: techcrunch.com}",
            "images: [{url: \"https://example.com/i.png\", width: 10, height: 20, isCached: false}]")));

        Assert.Equal(new[] { "AI", "Machine Learning", "Robotics" }, a.Topics);
        Assert.Equal(new ProviderInfo("TechCrunch", "techcrunch.com"), a.Provider);
        Assert.Equal(new[] { new ImageInfo("https://example.com/i.png", 10, 20, false) }, a.Images);
    }

    [Fact]
    public void Parse_WholeFrontMatterInFlowStyle_Accepted()
    {
        ArticleFile a = Accepted(Parse(Doc("{title: Flow, publishedDateTime: 2020-01-02, webUrl: 'https://example.com/f', quality: 3}")));

        Assert.Equal("Flow", a.Title);
        Assert.Equal(3, a.Quality);
    }

    [Fact]
    public void Parse_QuotedNumbersAndBooleans_Accepted()
    {
        ArticleFile a = Accepted(Parse(Valid(
            "quality: \"64\"",
            "heat: '12'",
            "published: \"true\"",
            "images:",
            "  - url: https://example.com/i.png",
            "    width: \"700\"",
            "    height: '450'",
            "    isCached: 'TRUE'")));

        Assert.Equal(64, a.Quality);
        Assert.Equal(12, a.Heat);
        Assert.True(a.Published);
        Assert.Equal(new ImageInfo("https://example.com/i.png", 700, 450, true), Assert.Single(a.Images));
    }

    [Theory]
    [InlineData("2021-12-14T23:46:00Z", 2021, 12, 14, 23, 46, 0)]
    [InlineData("2021-12-14T23:46:00+05:30", 2021, 12, 14, 18, 16, 0)]
    [InlineData("2021-12-14T23:46:00-08:00", 2021, 12, 15, 7, 46, 0)]
    [InlineData("2021-12-14T23:46:00+0200", 2021, 12, 14, 21, 46, 0)]
    [InlineData("2021-12-14T23:46:00", 2021, 12, 14, 23, 46, 0)]
    [InlineData("2021-12-14 23:46:00 -5", 2021, 12, 15, 4, 46, 0)]
    [InlineData("2021-12-14t23:46z", 2021, 12, 14, 23, 46, 0)]
    [InlineData("2021-12-14T23:46:07.250Z", 2021, 12, 14, 23, 46, 7)]
    [InlineData("\"2021-12-14T23:46:00+01:00\"", 2021, 12, 14, 22, 46, 0)]
    [InlineData("2021-12-14", 2021, 12, 14, 0, 0, 0)]
    [InlineData("2024-02-29", 2024, 2, 29, 0, 0, 0)]
    public void Parse_IsoDatesWithAnyOffset_StoredAsUtc(string value, int y, int mo, int d, int h, int mi, int s)
    {
        ArticleFile a = Accepted(Parse(Doc(Title, WebUrl, "publishedDateTime: " + value)));

        var at = a.PublishedAt!.Value;
        Assert.Equal(DateTimeKind.Utc, at.Kind);
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc), at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond)));
    }

    // Guards: one article dated 9999-12-31 made /topics 10 MB of HTML; 0001-01-01 made it take 44 s.
    [Theory]
    [InlineData("9999-12-31", "9999-12-31")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z")]
    [InlineData("1899-12-31T23:59:59Z", "1899-12-31T23:59:59Z")]
    [InlineData("2031-01-02", "2031-01-02")]
    public void Parse_DateOutsideThePlausibleWindow_StoredAsUnknownWithAWarningOnItsLine(string value, string quoted)
    {
        var options = ParserOptions.Default with { LatestDate = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

        var result = new ArticleFileParser(options).Parse(Encoding.UTF8.GetBytes(Doc(Title, WebUrl, "publishedDateTime: " + value)));

        Assert.Null(Accepted(result).PublishedAt);
        var warning = Assert.Single(result.Problems);
        Assert.Equal((ProblemSeverity.Warning, 4), (warning.Severity, warning.Line));
        Assert.Equal($"publishedDateTime '{quoted}' is outside the plausible dates, 1900-01-01 to 2031-01-01 " +
                     "(Import:EarliestDate, Import:LatestDateDaysAhead); stored as unknown.", warning.Message);
    }

    [Fact]
    public void Parse_RelatedEntryDatedOutsideTheWindow_KeepsTheEntryWithoutItsDate()
    {
        var result = Parse(Valid("related:\n  - title: Old\n    webUrl: https://example.com/old\n    publishedDateTime: 0001-01-01"));

        Assert.Null(Assert.Single(Accepted(result).Related).PublishedAt);
        Assert.Contains(result.Problems, p => p.Message.StartsWith("related[0].publishedDateTime '0001-01-01' is outside the plausible dates", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DateWithFraction_KeepsTheFraction()
    {
        ArticleFile a = Accepted(Parse(Doc(Title, WebUrl, "publishedDateTime: 2021-12-14T23:46:07.25Z")));

        Assert.Equal(new DateTime(2021, 12, 14, 23, 46, 7, 250, DateTimeKind.Utc), a.PublishedAt);
    }

    [Fact]
    public void Parse_UnicodeLineSeparatorsInText_KeptAsContentNotLineBreaks()
    {
        // YamlDotNet (YAML 1.1) would end lines at U+2028/U+2029/U+0085 and reject this file.
        ParseResult result = Parse(Doc(
            "title: \"First\u2028Second\u0085Third\"",
            "excerpt: plain\u2029text \uFDD0 kept",
            Date,
            WebUrl,
            "quality: 500"));

        ArticleFile a = Accepted(result);
        Assert.Equal("First\u2028Second\u0085Third", a.Title);
        Assert.Equal("plain\u2029text \uFDD0 kept", a.Excerpt);
        Assert.Equal(6, SingleWarning(result).Line); // these characters do not count as line ends
    }

    // ---- 2. unknown fields --------------------------------------------------------------------------------

    [Fact]
    public void Parse_UnknownTopLevelFields_CollectedIntoExtraJson()
    {
        ParseResult result = Parse(Valid(
            "sentiment: 0.75",
            "isFeatured: true",
            "nothing: ~",
            "authors:",
            "  - name: Ann",
            "    roles: [writer, editor]",
            "  - Bob",
            "meta: {source: rss, tags: {a: 1, b: [x, y]}}",
            "quoted: \"text\""));

        ArticleFile a = Accepted(result);
        Assert.Empty(result.Problems);
        Assert.NotNull(a.ExtraJson);
        using JsonDocument json = JsonDocument.Parse(a.ExtraJson!);
        JsonElement root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(new[] { "sentiment", "isFeatured", "nothing", "authors", "meta", "quoted" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0.75", root.GetProperty("sentiment").GetString());
        Assert.Equal("true", root.GetProperty("isFeatured").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("nothing").ValueKind);
        JsonElement authors = root.GetProperty("authors");
        Assert.Equal(2, authors.GetArrayLength());
        Assert.Equal("Ann", authors[0].GetProperty("name").GetString());
        Assert.Equal(new[] { "writer", "editor" }, authors[0].GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("Bob", authors[1].GetString());
        Assert.Equal("rss", root.GetProperty("meta").GetProperty("source").GetString());
        Assert.Equal("1", root.GetProperty("meta").GetProperty("tags").GetProperty("a").GetString());
        Assert.Equal("y", root.GetProperty("meta").GetProperty("tags").GetProperty("b")[1].GetString());
        Assert.Equal("text", root.GetProperty("quoted").GetString());
    }

    [Fact]
    public void Parse_NoUnknownFields_ExtraJsonIsNull()
    {
        ArticleFile a = Accepted(Parse(Valid("quality: 5")));

        Assert.Null(a.ExtraJson);
    }

    [Fact]
    public void Parse_UnknownFieldsInRelated_CollectedIntoEntryExtraJson()
    {
        ArticleFile a = Accepted(Parse(Valid(
            "newTopLevel: yes",
            "related:",
            "  - title: Other",
            "    webUrl: https://example.org/o",
            "    sentiment: negative",
            "    authors: [A, B]",
            "  - title: Plain",
            "    webUrl: https://example.org/p")));

        Assert.Equal("{\"newTopLevel\":\"yes\"}", a.ExtraJson);
        Assert.Equal(2, a.Related.Count);
        using JsonDocument json = JsonDocument.Parse(a.Related[0].ExtraJson!);
        Assert.Equal("negative", json.RootElement.GetProperty("sentiment").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("authors").GetArrayLength());
        Assert.Null(a.Related[1].ExtraJson);
    }

    [Fact]
    public void Parse_DuplicateKeys_LastValueWinsWithWarning()
    {
        ParseResult result = Parse(Valid("quality: 10", "quality: 20"));

        ArticleFile a = Accepted(result);
        Assert.Equal(20, a.Quality);
        ParseProblem w = SingleWarning(result);
        Assert.Equal(6, w.Line);
        Assert.Contains("quality", w.Message);
        Assert.Contains("more than once", w.Message);
    }

    // ---- 3. required fields -------------------------------------------------------------------------------

    [Fact]
    public void Parse_MissingTitle_RejectsWithReason()
    {
        ParseProblem e = SingleError(Parse(Doc(Date, WebUrl)));

        Assert.Contains("title", e.Message);
        Assert.Contains("Missing", e.Message);
        Assert.Null(e.Line);
    }

    [Theory]
    [InlineData("title: \"\"")]
    [InlineData("title: '   '")]
    [InlineData("title:")]
    [InlineData("title: ~")]
    public void Parse_EmptyTitle_RejectsWithReasonAndLine(string titleLine)
    {
        ParseProblem e = SingleError(Parse(Doc(Date, WebUrl, titleLine)));

        Assert.Contains("title", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Parse_TitleIsAList_RejectsWithReasonAndLine()
    {
        ParseProblem e = SingleError(Parse(Doc(Date, WebUrl, "title:", "  - a", "  - b")));

        Assert.Contains("title", e.Message);
        Assert.Contains("list", e.Message);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void Parse_MissingPublishedDateTime_RejectsWithReason()
    {
        ParseProblem e = SingleError(Parse(Doc(Title, WebUrl)));

        Assert.Contains("publishedDateTime", e.Message);
        Assert.Contains("Missing", e.Message);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2021-02-30T10:00:00Z")]
    [InlineData("2021-13-01")]
    [InlineData("2021-12-14T25:00:00Z")]
    [InlineData("2021-12-14T23:46:00+25:00")]
    [InlineData("14/12/2021")]
    [InlineData("2021-12-14T23:46:00Zjunk")]
    [InlineData("[2021-12-14]")]
    public void Parse_InvalidPublishedDateTime_RejectsWithLine(string value)
    {
        ParseProblem e = SingleError(Parse(Doc(Title, WebUrl, "publishedDateTime: " + value)));

        Assert.Contains("publishedDateTime", e.Message);
        Assert.Contains("not a valid", e.Message);
        Assert.Equal(4, e.Line);
    }

    [Fact]
    public void Parse_NoUrlAtAll_RejectsWithReason()
    {
        ParseProblem e = SingleError(Parse(Doc(Title, Date)));

        Assert.Contains("webUrl", e.Message);
        Assert.Contains("originalUrl", e.Message);
    }

    [Fact]
    public void Parse_OnlyInvalidUrls_RejectsNamingEachWithLine()
    {
        ParseResult result = Parse(Doc(Title, Date, "webUrl: javascript:alert(1)", "originalUrl: ftp://example.com/x"));

        Assert.True(result.IsRejected);
        ParseProblem[] errors = result.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToArray();
        Assert.Equal(2, errors.Length);
        Assert.Contains("webUrl", errors[0].Message);
        Assert.Contains("javascript:alert(1)", errors[0].Message);
        Assert.Equal(4, errors[0].Line);
        Assert.Contains("originalUrl", errors[1].Message);
        Assert.Equal(5, errors[1].Line);
    }

    [Fact]
    public void Parse_OnlyOriginalUrl_Accepted()
    {
        ArticleFile a = Accepted(Parse(Doc(Title, Date, "originalUrl: https://example.com/o")));

        Assert.Null(a.WebUrl);
        Assert.Equal("https://example.com/o", a.OriginalUrl);
    }

    [Fact]
    public void Parse_EverythingRequiredMissing_AllReported()
    {
        ParseResult result = Parse(Doc("category: news"));

        Assert.True(result.IsRejected);
        Assert.Equal(3, result.Problems.Count(p => p.Severity == ProblemSeverity.Error));
    }

    // ---- 4. optional fields with bad values ---------------------------------------------------------------

    [Theory]
    [InlineData("101", "outside 0-100")]
    [InlineData("-1", "outside 0-100")]
    [InlineData("abc", "not an integer")]
    [InlineData("50.5", "not an integer")]
    [InlineData("[1]", "not an integer")]
    public void Parse_BadQuality_StoredAsUnknownWithWarning(string value, string reason)
    {
        ParseResult result = Parse(Valid("quality: " + value));

        Assert.Null(Accepted(result).Quality);
        ParseProblem w = SingleWarning(result);
        Assert.Contains("quality", w.Message);
        Assert.Contains(reason, w.Message);
        Assert.Equal(5, w.Line);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    public void Parse_QualityBounds_Accepted(string value, int expected)
    {
        ParseResult result = Parse(Valid("quality: " + value));

        Assert.Equal(expected, Accepted(result).Quality);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Parse_HeatMinusOne_UnknownWithoutWarning()
    {
        ParseResult result = Parse(Valid("heat: -1"));

        Assert.Null(Accepted(result).Heat);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("hot")]
    [InlineData("1.5")]
    [InlineData("{a: 1}")]
    public void Parse_HeatNotInteger_StoredAsUnknownWithWarning(string value)
    {
        ParseResult result = Parse(Valid("heat: " + value));

        Assert.Null(Accepted(result).Heat);
        ParseProblem w = SingleWarning(result);
        Assert.Contains("heat", w.Message);
        Assert.Contains("not an integer", w.Message);
        Assert.Equal(5, w.Line);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("\"data:text/html;base64,PHNjcmlwdD4=\"")]
    [InlineData("/relative/path")]
    [InlineData("http:/missing-slash.com")]
    public void Parse_BadWebUrlWithValidOriginalUrl_StoredAsUnknownWithWarning(string value)
    {
        ParseResult result = Parse(Doc(Title, Date, "originalUrl: https://example.com/o", "webUrl: " + value));

        ArticleFile a = Accepted(result);
        Assert.Null(a.WebUrl);
        Assert.Equal("https://example.com/o", a.OriginalUrl);
        ParseProblem w = SingleWarning(result);
        Assert.Contains("webUrl", w.Message);
        Assert.Equal(5, w.Line);
    }

    [Fact]
    public void Parse_BadOriginalUrlWithValidWebUrl_StoredAsUnknownWithWarning()
    {
        ParseResult result = Parse(Valid("originalUrl: file:///etc/passwd"));

        Assert.Null(Accepted(result).OriginalUrl);
        ParseProblem w = SingleWarning(result);
        Assert.Contains("originalUrl", w.Message);
        Assert.Equal(5, w.Line);
    }

    [Fact]
    public void Parse_ImageUrlNotHttp_StoredAsUnknownWithWarning()
    {
        ParseResult result = Parse(Valid(
            "images:",
            "  - url: \"data:image/png;base64,iVBORw0KGgo=\"",
            "    width: 10",
            "  - url: https://example.com/ok.png",
            "    width: wide"));

        ArticleFile a = Accepted(result);
        Assert.Equal(2, a.Images.Count);
        Assert.Equal(new ImageInfo(null, 10, null, null), a.Images[0]);
        Assert.Equal(new ImageInfo("https://example.com/ok.png", null, null, null), a.Images[1]);
        ParseProblem[] warnings = result.Problems.ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.Contains("images[0].url", warnings[0].Message);
        Assert.Equal(6, warnings[0].Line);
        Assert.Contains("images[1].width", warnings[1].Message);
        Assert.Equal(9, warnings[1].Line);
    }

    [Fact]
    public void Parse_RelatedWithoutValidUrl_KeptWithoutLinksWithWarning()
    {
        ParseResult result = Parse(Valid(
            "related:",
            "  - title: Bad links",
            "    webUrl: javascript:alert(document.cookie)",
            "    ampWebUrl: \"data:text/html,<script>alert(1)</script>\"",
            "    cdnAmpWebUrl: vbscript:msgbox"));

        ArticleFile a = Accepted(result);
        RelatedEntry r = Assert.Single(a.Related);
        Assert.Equal("Bad links", r.Title);
        Assert.Null(r.WebUrl);
        Assert.Null(r.AmpWebUrl);
        Assert.Null(r.CdnAmpWebUrl);
        Assert.Equal(4, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Equal(new int?[] { 7, 8, 9, 6 }, result.Problems.Select(p => p.Line));
        Assert.Contains("related[0] has no valid http(s) URL", result.Problems[3].Message);
    }

    [Fact]
    public void Parse_RelatedImpossibleDate_StoredAsUnknownWithWarning()
    {
        ParseResult result = Parse(Valid(
            "related:",
            "  - title: Other",
            "    webUrl: https://example.org/o",
            "    publishedDateTime: 2021-02-30"));

        RelatedEntry r = Assert.Single(Accepted(result).Related);
        Assert.Null(r.PublishedAt);
        Assert.Equal("https://example.org/o", r.WebUrl);
        ParseProblem w = SingleWarning(result);
        Assert.Contains("related[0].publishedDateTime", w.Message);
        Assert.Contains("2021-02-30", w.Message);
        Assert.Equal(8, w.Line);
    }

    [Fact]
    public void Parse_RelatedBadQuality_StoredAsUnknownWithWarning()
    {
        ParseResult result = Parse(Valid(
            "related:",
            "  - webUrl: https://example.org/o",
            "    quality: 300"));

        Assert.Null(Assert.Single(Accepted(result).Related).Quality);
        Assert.Equal(7, SingleWarning(result).Line);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("1")]
    [InlineData("[true]")]
    public void Parse_PublishedNotBoolean_StoredAsUnknownWithWarning(string value)
    {
        ParseResult result = Parse(Valid("published: " + value));

        Assert.Null(Accepted(result).Published);
        ParseProblem w = SingleWarning(result);
        Assert.Contains("published", w.Message);
        Assert.Contains("not a boolean", w.Message);
        Assert.Equal(5, w.Line);
    }

    [Fact]
    public void Parse_Topics_TrimmedEmptySkippedDeduplicatedCaseInsensitively()
    {
        ArticleFile a = Accepted(Parse(Valid(
            "topics:",
            "  - \"  AI  \"",
            "  - ''",
            "  - Machine Learning",
            "  - ai",
            "  -",
            "  - MACHINE LEARNING",
            "  - Robotics")));

        Assert.Equal(new[] { "AI", "Machine Learning", "Robotics" }, a.Topics);
    }

    [Fact]
    public void Parse_ManyTopics_DeduplicatedCaseInsensitively()
    {
        string list = string.Join(", ", Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? $"t{i / 2}" : $"T{i / 2}"));

        ArticleFile a = Accepted(Parse(Valid("topics: [" + list + "]")));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"t{i}"), a.Topics);
    }

    [Fact]
    public void Parse_TopicsSingleScalar_OneTopic()
    {
        ArticleFile a = Accepted(Parse(Valid("topics: \" Artificial Intelligence \"")));

        Assert.Equal(new[] { "Artificial Intelligence" }, a.Topics);
    }

    [Fact]
    public void Parse_TopicNotText_SkippedWithWarning()
    {
        ParseResult result = Parse(Valid("topics: [AI, {x: 1}]"));

        Assert.Equal(new[] { "AI" }, Accepted(result).Topics);
        Assert.Contains("topics[1]", SingleWarning(result).Message);
    }

    [Fact]
    public void Parse_ProviderDomain_LowerCasedAndTrimmed()
    {
        ArticleFile a = Accepted(Parse(Valid("provider:", "  name: \" TechCrunch \"", "  domain: \"  TechCrunch.COM \"")));

        Assert.Equal(new ProviderInfo("TechCrunch", "techcrunch.com"), a.Provider);
    }

    [Fact]
    public void Parse_ProviderAsPlainText_TakenAsName()
    {
        ArticleFile a = Accepted(Parse(Valid("provider: Reuters")));

        Assert.Equal(new ProviderInfo("Reuters", null), a.Provider);
    }

    [Fact]
    public void Parse_OptionalTextFieldIsAMapping_StoredAsUnknownWithWarning()
    {
        ParseResult result = Parse(Valid("category: {a: b}"));

        Assert.Null(Accepted(result).Category);
        Assert.Contains("category", SingleWarning(result).Message);
    }

    [Fact]
    public void Parse_ManyBadValues_WarningsAreCapped()
    {
        string images = string.Join(", ", Enumerable.Range(0, 500).Select(i => "{url: 'javascript:x'}"));

        ParseResult result = Parse(Valid("images: [" + images + "]"));

        Assert.Equal(500, Accepted(result).Images.Count);
        Assert.True(result.Problems.Count <= 101);
        Assert.Contains("rest are not listed", result.Problems[^1].Message);
    }

    // ---- 5. line numbers ----------------------------------------------------------------------------------

    [Fact]
    public void Parse_LineNumbers_CountTheOpeningFenceAndIgnoreTheBom()
    {
        string text = Valid("", "# a comment", "quality: 500");
        byte[] withBom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        ParseProblem w = SingleWarning(new ArticleFileParser().Parse(withBom));

        Assert.Equal(7, w.Line);
    }

    [Fact]
    public void Parse_LineNumbersWithCrlf_CountEachCrlfOnce()
    {
        string text = Valid("", "quality: 500", "heat: x").Replace("\n", "\r\n");

        ParseResult result = new ArticleFileParser().Parse(Encoding.UTF8.GetBytes(text));

        Assert.Equal(new int?[] { 6, 7 }, result.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Parse_LineNumbersWithOldMacLineEnds_CountEachCrOnce()
    {
        string text = Valid("quality: 500").Replace("\n", "\r");

        Assert.Equal(5, SingleWarning(Parse(text)).Line);
    }

    [Fact]
    public void Parse_YamlSyntaxErrorLine_IsTheLineInTheFile()
    {
        string text = Valid("tags: [a, b", "quality: 3").Replace("\n", "\r\n");

        ParseProblem e = SingleError(new ArticleFileParser().Parse(Encoding.UTF8.GetBytes(text)));

        Assert.InRange(e.Line ?? 0, 5, 6);
    }
}
