using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiNewsDashboard.Web.Tests.Hosting;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>
/// The same query string gets the same verdict from the API, from the page that shows the same data and from the graph:
/// the same parameters named as unreadable, or none. Pages used to take "1" as an enum value and skip junk silently,
/// the API refused both, and the graph had its own reader; a table of links good and bad keeps them one. One running app
/// for the whole table: starting it per row would cost a minute.
/// </summary>
public sealed partial class QueryVerdictTests(SharedApp app) : IClassFixture<SharedApp>
{
    // Which API endpoint and which page read a parameter set: the filter is read by all three.
    private static readonly Dictionary<string, (string Api, string Page)[]> Targets = new()
    {
        ["filter"] = [("/api/articles", "/articles"), ("/api/stats/timeline", "/timeline"), ("/api/graph", "/graph")],
        ["list"] = [("/api/articles", "/articles")],
        ["timeline"] = [("/api/stats/timeline", "/timeline")],
        ["graph"] = [("/api/graph", "/graph")],
    };

    public static TheoryData<string, string, string> Links => new()
    {
        { "filter", "", "" },
        { "filter", "from=2024-01-01&to=2024-12-31", "" },
        { "filter", "from=yesterday", "from" },
        { "filter", "to=2024-02-30", "to" },
        { "filter", "from=2024-05-01&to=2024-04-01", "from" },
        { "filter", "minQuality=101", "minQuality" },
        { "filter", "maxQuality=-1", "maxQuality" },
        { "filter", "minQuality=60&maxQuality=40", "minQuality" },
        { "filter", "minQuality=abc", "minQuality" },
        { "filter", "published=maybe", "published" },
        { "filter", "published=TRUE", "" },
        { "filter", "references=1", "references" },
        { "filter", "references=include", "" },
        { "filter", "q=a%00b", "q" },
        { "filter", "q=line%0Abreak", "q" },
        { "filter", "q=open%20source", "" },
        { "filter", "q=chip%20OR%20chips", "" },
        { "filter", "q=(chip*%20OR%20%22memory%20chip%22)%20-wafer", "" },
        { "filter", "q=%22chip", "q" },
        { "filter", "q=(a%20OR", "q" },
        { "filter", "q=NOT", "q" },
        { "filter", "q=-foo", "q" },
        { "filter", "provider=a.example,b.example&topic=AI&category=news", "" },
        { "filter", "from=%20&q=%20&minQuality=", "" }, // a blank value is no value
        { "filter", "from=yesterday&published=maybe&q=%00", "from,published,q" },
        { "filter", "from=2024-01-01&from=2024-02-01", "from" }, // given twice: both values, joined, are not a date
        { "filter", "PUBLISHED=maybe", "published" }, // names in any case
        { "list", "sort=1", "sort" },
        { "list", "sort=popularity", "sort" },
        { "list", "sort=heat&dir=asc", "" },
        { "list", "dir=up", "dir" },
        { "list", "page=abc", "page" },
        { "list", "page=0", "page" },
        { "list", "pageSize=501", "pageSize" },
        { "list", "page=2&pageSize=25", "" },
        { "timeline", "granularity=1", "granularity" },
        { "timeline", "granularity=hour", "granularity" },
        { "timeline", "granularity=Month&stack=topic", "" },
        { "timeline", "stack=2", "stack" },
        { "timeline", "granularity=day&granularity=week", "granularity" },
        { "graph", "expand=1,x", "expand" },
        { "graph", "expand=abc&hops=9", "expand,hops" },
        { "graph", "limit=0", "limit" },
        { "graph", "focus=-3", "focus" },
        { "graph", "cluster=one", "cluster" },
        { "graph", "hops=2&limit=100", "" },
        { "graph", "limit=10&limit=20", "limit" },
    };

    [Theory]
    [MemberData(nameof(Links))]
    public async Task SameLink_SameVerdict_FromTheApiAPageAndTheGraph(string reads, string query, string expected)
    {
        var expectedNames = expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        foreach (var (api, page) in Targets[reads])
        {
            Assert.Equal(expectedNames, await ApiVerdictAsync($"{api}?{query}"));
            Assert.Equal(expectedNames, await PageVerdictAsync($"{page}?{query}"));
        }
    }

    /// <summary>The parameters a 400 names (a ValidationProblem's error keys), or none for a 200.</summary>
    private async Task<string[]> ApiVerdictAsync(string url)
    {
        var response = await app.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
            return [];
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToArray();
    }

    /// <summary>The parameters the page's warnings name (the filter bar's and the page's own), as the server renders it.</summary>
    private async Task<string[]> PageVerdictAsync(string url)
    {
        var response = await app.Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return ParameterAttribute().Matches(html).Select(m => m.Groups[1].Value).Distinct().Order().ToArray();
    }

    [GeneratedRegex("data-parameter=\"([^\"]+)\"")]
    private static partial Regex ParameterAttribute();
}
