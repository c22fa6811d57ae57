using AiNewsDashboard.Core.Annotations;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Views;

public sealed class SavedViewAndAnnotationTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SavedViewService Views => _db.Get<SavedViewService>();
    private AnnotationService Annotations => _db.Get<AnnotationService>();

    [Fact]
    public async Task List_OwnAndSharedViews_OthersPrivateOnesStayHidden()
    {
        await Views.CreateAsync("ann", "Mine", "/timeline", "range=last30d&view=line");
        await Views.CreateAsync("bob", "Bob shared", "/", "", shared: true);
        await Views.CreateAsync("bob", "Bob private", "/", "");

        var list = await Views.ListAsync("ann");

        Assert.Equal(["Mine", "Bob shared"], list.Select(v => v.Name));
        Assert.Equal("/timeline?range=last30d&view=line", list[0].Url);
    }

    [Fact]
    public async Task Update_AnotherUsersSharedView_IsForbidden_AndTheirPrivateOneIsNotFound()
    {
        var shared = await Views.CreateAsync("bob", "Shared", "/", "", shared: true);
        var secret = await Views.CreateAsync("bob", "Secret", "/", "");

        await Assert.ThrowsAsync<EditForbiddenException>(() => Views.UpdateAsync(shared.Id, "ann", name: "Mine now"));
        await Assert.ThrowsAsync<EditForbiddenException>(() => Views.DeleteAsync(shared.Id, "ann"));
        Assert.Null(await Views.UpdateAsync(secret.Id, "ann", name: "x"));
        Assert.False(await Views.DeleteAsync(secret.Id, "ann"));
        Assert.Equal("Shared", (await Views.FindAsync(shared.Id, CancellationToken.None))!.Name);
    }

    [Theory]
    [InlineData("//evil.example/x", "page")]
    [InlineData("https://evil.example", "page")]
    [InlineData("/api/articles", "page")]
    [InlineData("timeline", "page")]
    public async Task Create_PageThatIsNotADashboardPath_IsRefused(string page, string field)
    {
        var e = await Assert.ThrowsAsync<EditRejectedException>(() => Views.CreateAsync("ann", "x", page, ""));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public async Task SetStartPage_OnlyOnePerOwner()
    {
        var a = await Views.CreateAsync("ann", "A", "/topics", "");
        var b = await Views.CreateAsync("ann", "B", "/providers", "range=thisquarter");

        await Views.SetStartPageAsync(a.Id, "ann");
        await Views.SetStartPageAsync(b.Id, "ann");

        Assert.Equal(b.Id, (await Views.StartPageAsync("ann"))!.Id);
        Assert.Null(await Views.StartPageAsync("bob"));
        Assert.Single(await Views.ListAsync("ann"), v => v.IsStartPage);
    }

    [Fact]
    public async Task ListAnnotations_GlobalPlusThoseOfTheView_InTheRange()
    {
        var view = await Views.CreateAsync("ann", "V", "/", "");
        var other = await Views.CreateAsync("ann", "W", "/", "");
        await Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 5), null, "Global", null, null), null);
        await Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 1), new(2026, 1, 31), "Mine, a range", "https://example.com/a", view.Id), null);
        await Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 6), null, "Other view's", null, other.Id), null);
        await Annotations.CreateAsync(new AnnotationInput(new(2025, 6, 1), null, "Too early", null, null), null);

        var list = await Annotations.ListAsync(new DateOnly(2026, 1, 10), new DateOnly(2026, 2, 1), view.Id, CancellationToken.None);
        var global = await Annotations.ListAsync(new DateOnly(2026, 1, 1), null, null, CancellationToken.None);

        Assert.Equal(["Mine, a range"], list.Select(a => a.Label)); // "Global" ends on 01-05, before the range
        Assert.Equal(["Global"], global.Select(a => a.Label));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/x")]
    [InlineData("example.com")]
    public async Task CreateAnnotation_LinkThatIsNotHttp_IsRefused(string url)
    {
        var e = await Assert.ThrowsAsync<EditRejectedException>(() => Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 1), null, "x", url, null), null));
        Assert.Equal("url", e.Field);
    }

    [Fact]
    public async Task CreateAnnotation_LabelMissingOrTooLong_IsRefused()
    {
        var blank = await Assert.ThrowsAsync<EditRejectedException>(() => Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 1), null, "  ", null, null), null));
        var longOne = await Assert.ThrowsAsync<EditRejectedException>(() =>
            Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 1), null, new string('x', Annotation.MaxLabelLength + 1), null, null), null));
        Assert.Equal(("label", "label"), (blank.Field, longOne.Field));
    }

    [Fact]
    public async Task ImportCsv_BadRows_ReportsEachWithItsLine_AndImportsNothing()
    {
        var csv = string.Join("\n",
            "from,to,label,url,view",
            "2026-01-01,,Fine,,",
            "2026-13-01,,Bad date,,",
            "2026-02-01,,\"A label over",
            "two lines, with a comma\",https://example.com,",
            "2026-03-05,2026-03-01,Backwards,,",
            "2026-03-05,,Bad link,javascript:alert(1),",
            "2026-03-06,,,,",
            "2026-03-07,,No such view,,999",
            "2026-03-08,,Too few");

        var result = await Annotations.ImportCsvAsync(csv, null);

        Assert.Equal(0, result.Imported);
        // The quoted label spans lines 4 and 5 (a line break is not allowed in a label): the rows after it keep their real line numbers.
        Assert.Equal([3, 4, 6, 7, 8, 9, 10], result.Errors.Select(e => e.Line));
        Assert.Contains("from: '2026-13-01' is not a date", result.Errors[0].Message);
        Assert.Contains("label: contains a control character", result.Errors[1].Message);
        Assert.Contains("to: 2026-03-01 is before from", result.Errors[2].Message);
        Assert.StartsWith("url:", result.Errors[3].Message);
        Assert.StartsWith("label:", result.Errors[4].Message);
        Assert.StartsWith("view:", result.Errors[5].Message);
        Assert.Contains("columns", result.Errors[6].Message);
        Assert.Empty(await Annotations.ListAllAsync());
    }

    [Fact]
    public async Task ImportCsv_GoodRows_ImportsEveryOne_QuotedLabelsIncluded()
    {
        var view = await Views.CreateAsync("ann", "V", "/", "");
        var csv = $"from,to,label,url,view\r\n2026-01-01,,Plain,,\r\n2026-02-01,2026-02-03,\"Quoted, \"\"with\"\" comma\",https://example.com/x,{view.Id}\r\n2026-03-01,,'-minus first,,\r\n";

        var result = await Annotations.ImportCsvAsync(csv, "ed");

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Imported);
        var all = await Annotations.ListAllAsync();
        Assert.Equal(["Plain", "Quoted, \"with\" comma", "-minus first"], all.Select(a => a.Label));
        Assert.Equal(view.Id, all[1].SavedViewId);
        Assert.Equal(new DateOnly(2026, 2, 3), all[1].To);
    }

    [Fact]
    public async Task ImportCsv_WrongHeader_SaysWhatItMustBe()
    {
        var result = await Annotations.ImportCsvAsync("date,label\n2026-01-01,x\n", null);
        Assert.Equal(1, Assert.Single(result.Errors).Line);
        Assert.Contains("from,to,label,url,view", result.Errors[0].Message);
    }

    [Fact]
    public async Task DeleteView_TakesItsAnnotationsWithIt()
    {
        var view = await Views.CreateAsync("ann", "V", "/", "");
        await Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 1), null, "Scoped", null, view.Id), null);
        await Annotations.CreateAsync(new AnnotationInput(new(2026, 1, 1), null, "Global", null, null), null);

        await Views.DeleteAsync(view.Id, "ann");

        Assert.Equal(["Global"], (await Annotations.ListAllAsync()).Select(a => a.Label));
    }
}
