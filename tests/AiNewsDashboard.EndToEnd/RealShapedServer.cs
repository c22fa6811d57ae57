using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The app over a corpus shaped like public news data (<see cref="DemoShape.RealWorld"/>): a long tail of providers,
/// most articles in spring 2014 and a thin spread to 2022, no scores on most, alias spellings. Not the demo corpus.
/// </summary>
public sealed class RealShapedServer : DashboardServer, IAsyncLifetime
{
    public const int Articles = 2000;

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Demo:Enabled", "false");

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var files = new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed, DemoShape.RealWorld).Generate(Articles)
            .Select(a => (a.RelativePath, a.Text)).ToArray();
        await Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Length);
    }
}
