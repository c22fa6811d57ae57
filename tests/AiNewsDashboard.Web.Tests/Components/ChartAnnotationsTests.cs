using AiNewsDashboard.Core.Annotations;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.Web.Components.Charts;
using AiNewsDashboard.Web.Hosting;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>A time chart's annotations: the global ones and the opened view's own as markers; the Annotate toggle for editors only.</summary>
public sealed class ChartAnnotationsTests : MudTestContext
{
    private static readonly TimeSeries[] Months =
    [
        new("Articles", null, [new(new DateTime(2024, 1, 1), 3), new(new DateTime(2024, 2, 1), 5), new(new DateTime(2024, 3, 1), 2)]),
    ];

    private IRenderedComponent<ChartAnnotations> RenderChart() => Render<ChartAnnotations>(p => p
        .Add(c => c.From, new DateOnly(2024, 1, 1)).Add(c => c.To, new DateOnly(2024, 3, 31))
        .Add(c => c.ChildContent, (RenderFragment<ChartAnnotations>)(notes => b =>
        {
            b.OpenComponent<TimeChart>(0);
            b.AddComponentParameter(1, nameof(TimeChart.Series), Months);
            b.AddComponentParameter(2, nameof(TimeChart.Markers), notes.Markers);
            b.AddComponentParameter(3, nameof(TimeChart.Annotating), notes.Annotating);
            b.AddComponentParameter(4, nameof(TimeChart.OnAnnotate), notes.OnAnnotate);
            b.AddComponentParameter(5, nameof(TimeChart.Tools), notes.Toggle);
            b.CloseComponent();
        })));

    [Fact]
    public async Task Markers_AreTheGlobalOnes_AndTheOpenedViewsOwn_NotAnotherViews()
    {
        var views = Services.GetRequiredService<SavedViewService>();
        var opened = await views.CreateAsync(SavedViewService.LocalOwner, "Chips", "/timeline", "topic=Chips");
        var other = await views.CreateAsync(SavedViewService.LocalOwner, "Robots", "/timeline", "topic=Robotics");
        var notes = Services.GetRequiredService<AnnotationService>();
        await notes.CreateAsync(new AnnotationInput(new DateOnly(2024, 2, 10), null, "Election", null, null), null);
        await notes.CreateAsync(new AnnotationInput(new DateOnly(2024, 1, 5), new DateOnly(2024, 1, 20), "Chip export ban", null, opened.Id), null);
        await notes.CreateAsync(new AnnotationInput(new DateOnly(2024, 3, 3), null, "Robot fair", null, other.Id), null);
        await notes.CreateAsync(new AnnotationInput(new DateOnly(2023, 6, 1), null, "Before the chart", null, null), null);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/timeline?topic=Chips");

        var chart = RenderChart();

        chart.WaitForAssertion(() => Assert.Equal(["Chip export ban", "Election"], chart.Instance.Markers.Select(m => m.Label)));
        Assert.Equal("2", chart.Find(".time-chart").GetAttribute("data-markers"));
    }

    [Fact]
    public void Toggle_IsOfferedToEditors_AndTurnsTheChartToAnnotating()
    {
        Auth.SetAuthorized("editor").SetPolicies(DashboardPolicies.Viewer, DashboardPolicies.Editor);

        var chart = RenderChart();

        chart.WaitForAssertion(() => chart.Find("[data-testid=annotate-toggle]"));
        Assert.DoesNotContain("annotating", chart.Find(".time-chart").ClassList);
        chart.Find("[data-testid=annotate-toggle]").Click();
        // The toggle's handler re-renders the chart after it returns: on a busy machine that is a moment later.
        chart.WaitForAssertion(() => Assert.Contains("annotating", chart.Find(".time-chart").ClassList));
    }

    [Fact]
    public void Toggle_IsNotOfferedToViewers()
    {
        Auth.SetAuthorized("viewer").SetPolicies(DashboardPolicies.Viewer);

        var chart = RenderChart();

        chart.WaitForAssertion(() => Assert.NotNull(chart.Find(".time-chart")));
        Assert.Empty(chart.FindAll("[data-testid=annotate-toggle]"));
    }
}
