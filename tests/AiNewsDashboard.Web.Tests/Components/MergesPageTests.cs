using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Merges;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.Web.Hosting;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The merges page: suggestions accepted in one click, rules listed and removed, refusals explained.</summary>
public sealed class MergesPageTests : MudTestContext
{
    private BunitAuthorizationContext _auth = null!;

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<MergeRules>());
        _auth = Auth;
        _auth.SetAuthorized("admin").SetPolicies(DashboardPolicies.Viewer, DashboardPolicies.Editor, DashboardPolicies.Admin);
        await Db.ImportArticlesAsync(
            new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").WithTopics("AI"),
            new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").WithTopics("AI"),
            new ArticleBuilder().From("huffpost.example", "HuffPost").WithTopics("A.I."));
    }

    [Fact]
    public async Task Accept_ASuggestion_AddsItsRuleAndMergesTheProviders()
    {
        var page = Render<MergesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=merges-suggestions] [data-suggestion]").Count));
        var row = page.Find("[data-suggestion='provider:huffingtonpost.example']");
        Assert.Contains("Provider HuffPost (huffpost.example) · 1", row.TextContent);
        Assert.Contains("\"HuffPost\" is a contraction of \"Huffington Post\"", row.TextContent);

        row.QuerySelector("[data-testid=merges-accept]")!.Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=merges-rules] [data-rule]")));
        Assert.Contains("Merged 'HuffPost' into 'Huffington Post'.", page.Find("[data-testid=merges-done]").TextContent);
        Assert.Contains("Provider HuffPost (huffpost.example) counts as Huffington Post",
            System.Text.RegularExpressions.Regex.Replace(page.Find("[data-testid=merges-rules] [data-rule]").TextContent, @"\s+", " "));
        Assert.Contains("admin", page.Find("[data-testid=merges-rules] [data-rule]").TextContent);
        Assert.Single(page.FindAll("[data-testid=merges-suggestions] [data-suggestion]")); // the topics are left
        var choices = await new FilterOptionsQueries(Db.Get<ArticleFactsCache>()).GetAsync();
        Assert.Equal(["huffingtonpost.example"], choices.Providers.Select(p => p.Domain));
    }

    [Fact]
    public async Task Remove_ARule_ListsItNoMoreAndSuggestsItAgain()
    {
        await Db.Get<MergeRules>().AddAsync(MergeKind.Topic, "A.I.", "AI");
        var page = Render<MergesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=merges-rules] [data-rule]")));

        page.Find("[data-testid=merges-remove]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=merges-no-rules]")));
        Assert.NotNull(page.Find("[data-suggestion='topic:ai']"));
        Assert.Empty(await Db.Get<MergeRules>().ListAsync());
    }

    [Fact]
    public void Add_AnUnknownProvider_SaysWhatWasWrongAndAddsNothing()
    {
        var page = Render<MergesPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=merges-no-rules]")));

        page.Find("[data-testid=merges-alias]").Input("nowhere.example");
        page.Find("[data-testid=merges-into]").Input("HuffPost");
        page.Find("[data-testid=merges-add]").Click();

        page.WaitForAssertion(() => Assert.Contains("There is no provider with the domain or name 'nowhere.example'.",
            page.Find("[data-testid=merges-error]").TextContent));
        Assert.NotNull(page.Find("[data-testid=merges-no-rules]"));
    }

    [Fact]
    public void Accept_WithoutTheAdminRole_IsRefused()
    {
        var page = Render<MergesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=merges-accept]")));
        _auth.SetAuthorized("viewer").SetPolicies(DashboardPolicies.Viewer);

        page.FindAll("[data-testid=merges-accept]")[0].Click();

        page.WaitForAssertion(() => Assert.Contains("needs the Admin role", page.Find("[data-testid=merges-error]").TextContent));
        Assert.NotNull(page.Find("[data-testid=merges-no-rules]"));
    }
}
