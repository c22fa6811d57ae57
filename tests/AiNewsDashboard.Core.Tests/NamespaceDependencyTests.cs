using System.Text.RegularExpressions;

namespace AiNewsDashboard.Core.Tests;

/// <summary>
/// The layers of Core stay acyclic where the data flows through them: the store's tables (Data) know neither the
/// importer nor the queries; the importer writes through the store seam (Import/IArticleWriter) and tells of its commits
/// through Data/StoreCommits, never the query cache; the queries read through their seam (IArticleFactsSource,
/// IChangeFeed, IFullTextSearch). Only the store implementations (Data/Sqlite, the PostgreSQL project) and the
/// composition root (ServiceCollectionExtensions) know them all. Checked on the source: every type a file names.
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private const string Core = "AiNewsDashboard.Core";

    public static TheoryData<string, string> Forbidden => new()
    {
        { "Data", "Data.Sqlite" },
        { "Data", "Import" },
        { "Data", "Queries" },
        { "Import", "Data.Sqlite" },
        { "Import", "Queries" },
        { "Queries", "Data.Sqlite" },
        { "Queries", "Import" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Namespace_DoesNotDependOn(string from, string on)
    {
        var files = SourceFiles();
        var typesOfTarget = files.Where(f => InNamespace(f.Namespace, on)).SelectMany(f => f.Declared).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(typesOfTarget);
        var offending = files
            .Where(f => InNamespace(f.Namespace, from) && !InNamespace(f.Namespace, on))
            .SelectMany(f => f.Named.Where(typesOfTarget.Contains).Select(t => $"{f.Path} names {on}.{t}")
                .Concat(f.Usings.Where(u => u == $"{Core}.{on}").Select(u => $"{f.Path} uses {u}")))
            .ToList();
        Assert.True(offending.Count == 0, $"{from} must not depend on {on}:\n" + string.Join("\n", offending));
    }

    /// <summary>Exactly this namespace (Data), or it and those below it when it has none of its own listed (Queries.Graph).</summary>
    private static bool InNamespace(string ns, string name) =>
        ns == $"{Core}.{name}" || (name != "Data" && ns.StartsWith($"{Core}.{name}.", StringComparison.Ordinal));

    private sealed record SourceFile(string Path, string Namespace, string[] Usings, HashSet<string> Declared, HashSet<string> Named);

    private static List<SourceFile> SourceFiles()
    {
        var root = Path.Combine(RepoRoot(), "src", Core);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p =>
            {
                var code = Comments().Replace(Strings().Replace(File.ReadAllText(p), "\"\""), " ");
                var ns = NamespaceLine().Match(code) is { Success: true } m ? m.Groups[1].Value : "";
                return new SourceFile(Path.GetRelativePath(root, p), ns,
                    UsingLine().Matches(code).Select(u => u.Groups[1].Value).ToArray(),
                    Declaration().Matches(code).Select(d => d.Groups[1].Value).ToHashSet(StringComparer.Ordinal),
                    Identifier().Matches(code).Select(i => i.Value).ToHashSet(StringComparer.Ordinal));
            })
            .ToList();
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AiNewsDashboard.sln")))
                return d.FullName;
        throw new InvalidOperationException("AiNewsDashboard.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"@?\$?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    // Top-level types only (file-scoped namespaces: they start at the line's start); nested ones are their type's business.
    [GeneratedRegex(@"^(?:(?:public|internal|file|sealed|static|abstract|partial|readonly)\s+)*(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();
}
