using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>`generate`: the demo corpus depends on the seed and nothing else, not even the process that writes it.</summary>
public sealed class GenerateCommandTests : IDisposable
{
    private const int Articles = 500;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Generate_SameSeedInTwoProcesses_WritesTheBytesThisProcessGenerates()
    {
        // Two fresh processes: string hash codes are randomised per process, so a generator that iterated a hash set
        // of strings, or seeded from the clock, would write different files here, while in one process it agrees with itself.
        var first = await GenerateInAProcessAsync("first", seed: 11);
        var second = await GenerateInAProcessAsync("second", seed: 11);
        var other = await GenerateInAProcessAsync("other", seed: 12);

        var expected = new DemoCorpusGenerator(seed: 11).Generate(Articles).ToList();
        Assert.Equal(expected.Select(a => a.RelativePath), first.Keys);
        Assert.Equal(expected.Select(a => a.Text), first.Values);
        Assert.Equal(first, second);
        Assert.Equal(first.Keys, other.Keys); // the same file layout...
        Assert.DoesNotContain(first, f => other[f.Key] == f.Value); // ...with no article in common
    }

    /// <summary>The files under the output folder, by relative path ('/'-separated) in ordinal order.</summary>
    private async Task<SortedDictionary<string, string>> GenerateInAProcessAsync(string name, int seed)
    {
        var outDir = _dir.PathOf(name);
        using var child = CliRunner.StartProcess("generate", "--articles", Articles.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--out", outDir, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stderr = child.StandardError.ReadToEndAsync();
        await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Assert.True(child.ExitCode == 0, $"generate exited {child.ExitCode}: {await stderr}");

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(outDir, path).Replace(Path.DirectorySeparatorChar, '/')] = await File.ReadAllTextAsync(path);
        return files;
    }
}
