using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// What the article list shows of a search: the words it matched, marked in titles and excerpts (as the index matched
/// them, stems and prefixes included), and never the text's own markup. The list used to show no sign of why a row matched.
/// </summary>
public sealed class SearchHighlightTests : MudTestContext
{
    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected override Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<ArticleQueries>());
        return Task.CompletedTask;
    }

    private static string[] Marked(IRenderedComponent<ArticlesPage> page, string selector) =>
        page.FindAll($"{selector} mark.search-hit").Select(m => m.TextContent).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task ArticlesPage_Search_MarksStemmedAndPrefixMatchesInTitlesAndExcerpts()
    {
        await Db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().Titled("Chipmakers <b>cheer</b> as chip sales rise").WithExcerpt("Nothing else").Build()),
            ("b.md", new ArticleBuilder().Titled("Quiet day").WithExcerpt("Analysts expect the chips to run short <img src=x onerror=alert(1)>").Build()),
            ("c.md", new ArticleBuilder().Titled("Wafer news").Build()));
        Nav.NavigateTo("/articles?q=" + Uri.EscapeDataString("chips OR chipmaker*"));

        var page = Render<ArticlesPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(2, page.FindAll("[data-testid=article-link]").Count);
            Assert.Equal(["Chipmakers", "chip"], Marked(page, "[data-testid=article-link]"));
            Assert.Equal(["chips"], Marked(page, "[data-testid=article-excerpt-match]"));
        });
        // The article's own markup is text.
        Assert.Empty(page.FindAll("[data-testid=article-link] b"));
        Assert.Empty(page.FindAll("img"));
        Assert.Contains(page.FindAll("[data-testid=article-link]"), a => a.TextContent == "Chipmakers <b>cheer</b> as chip sales rise");
        Assert.Single(page.FindAll("[data-testid=article-excerpt-match]")); // only where the excerpt matched
    }

    [Fact]
    public async Task ArticlesPage_NoSearch_MarksNothing()
    {
        await Db.ImportTextsAsync(("a.md", new ArticleBuilder().Titled("Chip sales rise").Build()));
        Nav.NavigateTo("/articles");

        var page = Render<ArticlesPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=article-link]")));
        Assert.Empty(page.FindAll("mark"));
    }

    [Fact]
    public void UserText_MarksPastTheCut_AreCutWithTheText()
    {
        var text = new string('a', 10) + " chip " + new string('b', 10);

        var cut = Render(UserText.Of(text, maxLength: 13, marks: [new TextMark(11, 4)]));

        Assert.Equal("ch", cut.Find("mark").TextContent);
        Assert.Equal(new string('a', 10) + " ch… (13 more characters)", cut.Find("bdi").TextContent);
    }

    [Fact]
    public void SearchSyntaxHelp_Opened_ShowsTheSyntaxByExample()
    {
        var popovers = Render<MudPopoverProvider>();
        var help = Render<SearchSyntaxHelp>();
        Assert.Equal("false", help.Find("[data-testid=search-help-button]").GetAttribute("aria-expanded"));

        help.Find("[data-testid=search-help-button]").Click();

        popovers.WaitForAssertion(() =>
        {
            var table = popovers.Find("[data-testid=search-help]").TextContent;
            foreach (var example in new[] { "chip OR wafer", "chip -memory", "\"memory chip\"", "chip*", "(chip OR wafer) -memory", "NOT" })
                Assert.Contains(example, table);
        });
        Assert.Equal("true", help.Find("[data-testid=search-help-button]").GetAttribute("aria-expanded"));
    }
}
