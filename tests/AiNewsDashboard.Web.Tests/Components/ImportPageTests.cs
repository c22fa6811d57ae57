using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.Web.Import;
using AiNewsDashboard.Web.Hosting;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The import page rendered with bUnit: the limits it states come from the settings, the history from the database.</summary>
public sealed class ImportPageTests : MudTestContext
{
    protected override Task SetUpAsync()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:News"] = Db.ConnectionString,
            ["Import:MaxFileBytes"] = "262144",
            ["Import:MaxUploadBytes"] = "10485760",
        }).Build();
        Services.AddSingleton<IConfiguration>(config);
        Services.AddDashboardOptions();
        var jobs = new ImportJobs();
        Services.AddSingleton(jobs);
        Services.AddSingleton(Db.Get<ImportHistory>());
        Services.AddSingleton(Db.Get<ImportUndo>());
        Services.AddSingleton(Db.Get<AiNewsDashboard.Core.Queries.OverviewQueries>());
        Services.AddSingleton(new WatchFolder(jobs, Microsoft.Extensions.Options.Options.Create(new DashboardImportOptions()), NullLogger<WatchFolder>.Instance));
        Services.AddSingleton(sp => new UploadFolders(jobs, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DashboardImportOptions>>(), NullLogger<UploadFolders>.Instance));
        _auth = Auth;
        return Task.CompletedTask;
    }

    private BunitAuthorizationContext _auth = null!;

    [Fact]
    public async Task Render_ConfiguredLimitsAndAnEarlierImport_StatesTheLimitsAndListsTheRun()
    {
        var report = await Db.ImportTextsAsync(("a.md", new TestSupport.ArticleBuilder().Build()), ("bad.md", "---\ntitle: x\n---\n"));
        await Db.Get<ImportHistory>().RecordAsync("cli", "/data/incoming", null, DateTime.UtcNow.AddSeconds(-3), DateTime.UtcNow, report);
        _auth.SetAuthorized("admin").SetPolicies(DashboardPolicies.Viewer, DashboardPolicies.Editor, DashboardPolicies.Admin);

        var page = Render<ImportPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=import-history] tbody tr")));
        Assert.Contains("Up to 256 KiB per article file (Import:MaxFileBytes) and 10 MiB per upload (Import:MaxUploadBytes)",
            System.Text.RegularExpressions.Regex.Replace(page.Find("[data-testid=upload-limits]").TextContent, @"\s+", " "));
        var cells = page.FindAll("[data-testid=import-history] tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["local", "Command line /data/incoming", "2", "1", "0", "0", "1"], cells.Skip(2).Take(7));
        Assert.Equal("done, with rejected files", cells[10]);
        Assert.Equal("No folder is watched.", page.Find("[data-testid=watch-status]").TextContent.Trim());
    }

    [Fact]
    public void Render_AnEditor_GetsUploadsButNeitherWatchFolderNorBackup()
    {
        _auth.SetAuthorized("editor").SetPolicies(DashboardPolicies.Viewer, DashboardPolicies.Editor);

        var page = Render<ImportPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=admin-only]")));
        Assert.NotEmpty(page.FindAll("[data-testid=upload-limits]"));
        Assert.Empty(page.FindAll("[data-testid=watch-folder]"));
        Assert.Empty(page.FindAll("[data-testid=backup]"));
    }

    // Guards: a NUL in an uploaded file's name made creating its file throw, which stalled the upload without a word.
    [Fact]
    public void Upload_NulInFileName_ImportsItUnderASafeNameAndSaysSo()
    {
        _auth.SetAuthorized("editor").SetPolicies(DashboardPolicies.Viewer, DashboardPolicies.Editor);
        var page = Render<ImportPage>();

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .UploadFiles(InputFileContent.CreateFromText(new TestSupport.ArticleBuilder().Build(), "a\0b.md"));

        page.WaitForAssertion(() => Assert.Contains(
            "The name of a\\u0000b.md holds the control character U+0000, which file names can't; it is imported as a_b.md.",
            page.Find("[data-testid=upload-message]").TextContent));
        var job = Assert.Single(Services.GetRequiredService<ImportJobs>().Snapshot());
        Assert.Equal("a_b.md", job.Source);
        Assert.True(File.Exists(Path.Combine(job.TempFolder!, "a_b.md")));
    }
}
