using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Filters;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The filter bar and the URL: the URL drives what it shows, and every change it makes goes into the URL.</summary>
public sealed class FilterBarTests : MudTestContext
{
    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(new FilterOptionsQueries(Db.Get<ArticleFactsCache>()));
        Services.AddSingleton(Db.Get<DataExtentQueries>());
        // An archive that ends years before today, as real corpora do.
        await Db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().From("alpha.example", "Alpha News").PublishedOn(2014, 3, 10).WithTopics("AI", "Chips").Build()),
            ("b.md", new ArticleBuilder().From("beta.example").PublishedOn(2022, 9, 18).InCategory("opinion").WithTopics("Robotics").Build()));
        // The choices come from the query snapshot, which the app holds loaded; so does this test.
        await Db.Get<ArticleFactsCache>().GetFreshAsync();
    }

    [Fact]
    public void Render_UrlWithFilters_ShowsThem()
    {
        Nav.NavigateTo("/timeline?provider=alpha.example&topic=Chips&published=true&minQuality=40");

        var bar = Render<FilterBar>();

        bar.WaitForAssertion(() =>
        {
            Assert.Contains("Alpha News (alpha.example)", bar.Markup); // the chip, named as the provider calls itself
            Assert.Contains("Chips", bar.Markup);
            Assert.Equal("40", bar.Find("[data-testid=filter-min-quality]").GetAttribute("value"));
            Assert.Contains("Published", bar.Find("[data-testid=filter-published]").ParentElement!.TextContent);
        });
    }

    [Fact]
    public void TypeSearchText_AfterTheDebounce_PutsItInTheUrlAndKeepsTheView()
    {
        Nav.NavigateTo("/timeline?granularity=month&topic=AI");
        var bar = Render<FilterBar>();

        bar.Find("[data-testid=filter-text]").Input("open source");

        bar.WaitForAssertion(() => Assert.Equal("/timeline?topic=AI&q=open%20source&granularity=month", "/" + Nav.ToBaseRelativePath(Nav.Uri)),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ClearAll_WithFilters_LeavesOnlyTheViewParameters()
    {
        Nav.NavigateTo("/timeline?from=2024-01-01&to=2024-02-01&provider=alpha.example&granularity=week");
        var bar = RenderLoaded();

        bar.Find("[data-testid=filter-clear]").Click();

        Assert.Equal("/timeline?granularity=week", "/" + Nav.ToBaseRelativePath(Nav.Uri));
    }

    [Fact]
    public void BackButton_AfterAFilterChange_RestoresTheBarFromTheUrl()
    {
        Nav.NavigateTo("/?minQuality=10");
        var bar = Render<FilterBar>();
        Nav.NavigateTo("/?minQuality=70");
        bar.WaitForAssertion(() => Assert.Equal("70", bar.Find("[data-testid=filter-min-quality]").GetAttribute("value")));

        Nav.NavigateTo("/?minQuality=10"); // what the browser's back button does: the earlier URL comes back

        bar.WaitForAssertion(() => Assert.Equal("10", bar.Find("[data-testid=filter-min-quality]").GetAttribute("value")));
    }

    // A page's own view (a leaderboard's sort) drew every control of the bar again: a share of each sort click's 260 ms.
    [Fact]
    public void Navigate_ViewParameterOnly_LeavesTheBarUndrawn_AFilterChangeDrawsIt()
    {
        Nav.NavigateTo("/providers?provider=alpha.example&sort=name");
        var bar = RenderLoaded();
        var drawn = bar.RenderCount;

        Nav.NavigateTo("/providers?provider=alpha.example&sort=articles&dir=asc");

        Assert.Equal(drawn, bar.RenderCount);
        Nav.NavigateTo("/providers?sort=articles&dir=asc");
        bar.WaitForAssertion(() => Assert.DoesNotContain("Alpha News (alpha.example)", bar.Markup));
    }

    [Fact]
    public void Render_UrlWithBadValue_SaysWhichParameterIsIgnored()
    {
        Nav.NavigateTo("/?from=yesterday&published=maybe");

        var bar = Render<FilterBar>();

        var warning = bar.Find("[data-testid=filter-errors]").TextContent;
        Assert.Contains("from: 'yesterday' is not a date", warning);
        Assert.Contains("published: 'maybe' is not true or false", warning);
    }

    private string Url => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    /// <summary>The bar once everything it loads is in (the data's extent comes last), so no render lands between a find and a click.</summary>
    private IRenderedComponent<FilterBar> RenderLoaded()
    {
        var bar = Render<FilterBar>();
        bar.WaitForElement("[data-testid=filter-extent]");
        return bar;
    }

    /// <summary>The option the time control shows (MudSelect puts the test id on its input).</summary>
    private static string RangeShown(IRenderedComponent<FilterBar> bar) => bar.Find("[data-testid=filter-range]").GetAttribute("value") ?? "";

    [Fact]
    public void BackButton_FromACustomRangeToNoDates_ShowsAllTimeWithoutDatePickers()
    {
        // Bug guarded: after Back the bar kept showing "Custom range" and its pickers while the URL had no dates.
        Nav.NavigateTo("/timeline?from=2014-03-01&to=2014-04-15");
        var bar = RenderLoaded();
        bar.WaitForAssertion(() => Assert.NotEmpty(bar.FindAll("[data-testid=filter-from]")));

        Nav.NavigateTo("/timeline"); // what the browser's back button does

        bar.WaitForAssertion(() =>
        {
            Assert.Empty(bar.FindAll("[data-testid=filter-from]"));
            Assert.Equal("All time", RangeShown(bar));
        });
    }

    [Fact]
    public void ClearAll_FromACustomRange_ClearsTheDatesAndTheirPickers()
    {
        Nav.NavigateTo("/timeline?from=2014-03-01&to=2014-04-15&topic=AI&granularity=week");
        var bar = RenderLoaded();
        bar.WaitForAssertion(() => Assert.NotEmpty(bar.FindAll("[data-testid=filter-from]")));

        bar.Find("[data-testid=filter-clear]").Click();

        bar.WaitForAssertion(() =>
        {
            Assert.Equal("/timeline?granularity=week", Url);
            Assert.Empty(bar.FindAll("[data-testid=filter-from]"));
            Assert.Equal("All time", RangeShown(bar));
        });
    }

    [Fact]
    public void TypeADate_Valid_PutsItInTheUrl()
    {
        Nav.NavigateTo("/timeline?from=2014-03-01&to=2014-04-15");
        var bar = RenderLoaded();

        bar.Find("input[data-testid=filter-from]").Change("2014-03-05");

        bar.WaitForAssertion(() => Assert.Equal("/timeline?from=2014-03-05&to=2014-04-15", Url));
    }

    [Fact]
    public void TypeADate_NotADate_SaysWhatIsWrongAndKeepsTheFilter()
    {
        Nav.NavigateTo("/timeline?from=2014-03-01&to=2014-04-15");
        var bar = RenderLoaded();

        bar.Find("input[data-testid=filter-to]").Change("2014-13-45");

        bar.WaitForAssertion(() => Assert.Contains("'2014-13-45' is not a date: type it as YYYY-MM-DD", bar.Markup));
        Assert.Equal("/timeline?from=2014-03-01&to=2014-04-15", Url);
    }

    [Fact]
    public void Render_DataEndsBeforeToday_SaysWhereItLiesAndOffersThatSpan()
    {
        // Bug guarded: "Last 30 days" of a 2014 archive drew empty charts, and nothing said where the data was.
        Nav.NavigateTo("/timeline?granularity=month");
        var bar = RenderLoaded();

        bar.WaitForAssertion(() => Assert.Contains("Data spans 2014-03-10 – 2022-09-18", bar.Find("[data-testid=filter-extent]").TextContent));
        bar.Find("[data-testid=filter-extent-apply]").Click();

        bar.WaitForAssertion(() => Assert.Equal("/timeline?from=2014-03-10&to=2022-09-18&granularity=month", Url));
    }

    [Fact]
    public void Render_RelativePresetOfAnArchive_CountsBackFromItsLastDay()
    {
        Nav.NavigateTo("/?from=2022-08-20&to=2022-09-18"); // the last 30 days of the data

        var bar = RenderLoaded();

        bar.WaitForAssertion(() => Assert.Equal("Last 30 days of data", RangeShown(bar)));
        Assert.Empty(bar.FindAll("[data-testid=filter-from]"));
    }

    [Fact]
    public void Render_OnAPhone_FoldsBehindAButtonThatCountsTheActiveFilters()
    {
        Nav.NavigateTo("/?provider=alpha.example&topic=AI&topic=Chips&published=true&from=2014-01-01");

        var bar = RenderLoaded();

        bar.WaitForAssertion(() => Assert.Equal("Filters (5)", bar.Find("[data-testid=filter-toggle]").TextContent.Trim()));
        Assert.DoesNotContain("open", bar.Find("[data-testid=filter-panel]").ClassList);
        bar.Find("[data-testid=filter-toggle]").Click();
        Assert.Contains("open", bar.Find("[data-testid=filter-panel]").ClassList);
        Assert.Equal("true", bar.Find("[data-testid=filter-toggle]").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Render_UrlWithASearchMistake_SaysWhatAndWhereAndKeepsTheTextToCorrect()
    {
        // An unclosed quote used to be searched as a word, silently.
        Nav.NavigateTo("/articles?q=%22chip");

        var bar = RenderLoaded();

        var problem = bar.Find("[data-testid=filter-errors] [data-parameter=q]").TextContent;
        Assert.Equal("q: the quote at position 1 is never closed", problem);
        Assert.Equal("\"chip", bar.Find("[data-testid=filter-text]").GetAttribute("value"));
    }

    [Fact]
    public void ChangeAnotherFilter_WhileTheSearchHasAMistake_KeepsTheSearchInTheUrl()
    {
        Nav.NavigateTo("/articles?q=(chip%20OR");
        var bar = RenderLoaded();

        bar.Find("[data-testid=filter-min-quality]").Input("30");

        bar.WaitForAssertion(() => Assert.Equal("/articles?q=%28chip%20OR&minQuality=30", "/" + Nav.ToBaseRelativePath(Nav.Uri)),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void CountCopiesOnce_Switched_PutsCopiesOnceInTheUrl_AndTheUrlChecksIt()
    {
        Nav.NavigateTo("/timeline?granularity=week");
        var bar = RenderLoaded();

        // MudSwitch puts the test id on its checkbox.
        bar.Find("input[data-testid=filter-copies-once]").Change(true);

        bar.WaitForAssertion(() => Assert.Equal("/timeline?copies=once&granularity=week", "/" + Nav.ToBaseRelativePath(Nav.Uri)));
        Nav.NavigateTo("/timeline?copies=once");
        bar.WaitForAssertion(() => Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)bar.Find("input[data-testid=filter-copies-once]")).IsChecked));
    }

    // The dates are the browser's own date fields (they were MudDatePickers, 16 components each): what the field gives
    // lands in the URL, and the page is told nothing until the typing pauses or the field is left.
    [Fact]
    public void DateField_Changed_IsTheBrowsersDateFieldAndLandsInTheUrl()
    {
        Nav.NavigateTo("/timeline?from=2014-03-01&to=2014-04-15&granularity=week");
        var bar = RenderLoaded();
        var to = bar.Find("input[data-testid=filter-to]");
        Assert.Equal("date", to.GetAttribute("type"));
        Assert.Equal("2014-04-15", to.GetAttribute("value"));
        Assert.Equal("To", bar.Find($"label[for={to.Id}]").TextContent); // the label the E2E tests and screen readers find it by

        to.Change("2014-04-20");
        bar.Find("input[data-testid=filter-to]").Blur(); // leaving the field applies it at once

        Assert.Equal("/timeline?from=2014-03-01&to=2014-04-20&granularity=week", Url);
    }

    [Fact]
    public void DateField_Emptied_ClearsThatEndOfTheRange()
    {
        Nav.NavigateTo("/timeline?from=2014-03-01&to=2014-04-15");
        var bar = RenderLoaded();

        bar.Find("input[data-testid=filter-from]").Change("");
        bar.Find("input[data-testid=filter-from]").Blur();

        bar.WaitForAssertion(() => Assert.Equal("/timeline?to=2014-04-15", Url));
    }

    [Fact]
    public void DateField_HoldingAnIncompleteDate_SaysSoAndKeepsTheFilter()
    {
        // The browser gives an incomplete date ("04/__/2014") as "", like an emptied field; the bar asks it which.
        JSInterop.SetupModule("./Components/Filters/FilterBar.razor.js").Setup<bool>("badInput", _ => true).SetResult(true);
        Nav.NavigateTo("/timeline?from=2014-03-01&to=2014-04-15");
        var bar = RenderLoaded();

        bar.Find("input[data-testid=filter-to]").Change("");
        bar.Find("input[data-testid=filter-to]").Blur();

        bar.WaitForAssertion(() => Assert.Contains("To is not a whole date: give its day, month and year", bar.Markup));
        Assert.Equal("/timeline?from=2014-03-01&to=2014-04-15", Url);
    }

    [Fact]
    public void QualityField_Typed_IsANumberFieldAndLandsInTheUrl()
    {
        Nav.NavigateTo("/articles?minQuality=10");
        var bar = RenderLoaded();
        var max = bar.Find("input[data-testid=filter-max-quality]");
        Assert.Equal(("number", "0", "100"), (max.GetAttribute("type"), max.GetAttribute("min"), max.GetAttribute("max")));

        max.Input("75");

        bar.WaitForAssertion(() => Assert.Equal("/articles?minQuality=10&maxQuality=75", Url));
    }

    [Theory]
    [InlineData("150", "'150' is not a quality between 0 and 100")]
    [InlineData("12.5", "'12.5' is not a quality between 0 and 100")]
    public void QualityField_OutOfRangeOrNotWhole_SaysSoAndKeepsTheFilter(string typed, string message)
    {
        Nav.NavigateTo("/articles?minQuality=10");
        var bar = RenderLoaded();

        bar.Find("input[data-testid=filter-min-quality]").Input(typed);
        bar.Find("input[data-testid=filter-min-quality]").Blur();

        bar.WaitForAssertion(() => Assert.Contains(message, bar.Find("[data-testid=filter-bar]").TextContent));
        Assert.Equal("/articles?minQuality=10", Url);
        Assert.Equal("true", bar.Find("input[data-testid=filter-min-quality]").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void QualityField_HoldingWhatTheBrowserCantRead_SaysItIsNotANumberAndKeepsTheFilter()
    {
        // MudNumericField said "Not a valid number" here and dropped the bound from the URL; the bound now stays.
        JSInterop.SetupModule("./Components/Filters/FilterBar.razor.js").Setup<bool>("badInput", _ => true).SetResult(true);
        Nav.NavigateTo("/articles?minQuality=10");
        var bar = RenderLoaded();

        bar.Find("input[data-testid=filter-min-quality]").Input("");
        bar.Find("input[data-testid=filter-min-quality]").Blur();

        bar.WaitForAssertion(() => Assert.Contains("Not a valid number: type a quality between 0 and 100", bar.Markup));
        Assert.Equal("/articles?minQuality=10", Url);
    }

    [Fact]
    public void TimeRange_ChosenInTheNativeSelect_WritesTheRelativeRange()
    {
        Nav.NavigateTo("/timeline?granularity=week");
        var bar = RenderLoaded();
        Assert.Equal("SELECT", bar.Find("[data-testid=filter-range]").TagName);

        bar.Find("[data-testid=filter-range]").Change("Last 30 days of data");

        Assert.Equal("/timeline?range=last30d&granularity=week", Url);
    }
}
