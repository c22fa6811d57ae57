using System.Diagnostics;
using System.Text;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;

namespace AiNewsDashboard.Benchmarks;

/// <summary>Parser throughput on one core and on all cores, and how fast hostile files are turned away.</summary>
internal static class ParserBenchmark
{
    public static void Run(int count)
    {
        var docs = new DemoCorpusGenerator().Generate(count).Select(a => Encoding.UTF8.GetBytes(a.Text)).ToArray();
        var parser = new ArticleFileParser();
        foreach (var d in docs.Take(2000))
            parser.Parse(d); // warm up

        var sw = Stopwatch.StartNew();
        foreach (var d in docs)
            parser.Parse(d);
        Console.WriteLine($"parser, 1 core: {count / sw.Elapsed.TotalSeconds:N0} docs/s (mean {docs.Average(d => d.Length):N0} bytes)");

        sw.Restart();
        Parallel.ForEach(docs, d => parser.Parse(d));
        Console.WriteLine($"parser, {Environment.ProcessorCount} cores: {count / sw.Elapsed.TotalSeconds:N0} docs/s");

        Hostile("billion laughs", BillionLaughs());
        Hostile("100,000 nested [", "---\ntitle: " + new string('[', 100_000) + "\n---\n");
        Hostile("100,000 nested {", "---\ntitle: " + new string('{', 100_000) + "\n---\n");
        Hostile("20,000 nested block sequences", "---\ntitle: x\nt:\n" + string.Concat(Enumerable.Repeat("- ", 20_000)) + "x\n---\n");
        Hostile("1 MiB single line", "---\ntitle: \"" + new string('a', 1024 * 1024 - 40) + "\"\n---\n");
    }

    private static void Hostile(string name, string text)
    {
        var sw = Stopwatch.StartNew();
        var result = new ArticleFileParser().Parse(Encoding.UTF8.GetBytes(text));
        Console.WriteLine($"hostile, {name}: {(result.IsRejected ? "rejected" : "accepted")} in {sw.Elapsed.TotalMilliseconds:N1} ms" +
                          $" ({result.Problems.FirstOrDefault()?.Message})");
    }

    private static string BillionLaughs()
    {
        var sb = new StringBuilder("---\ntitle: x\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++)
            sb.Append($"a{i}: &a{i} [{string.Join(",", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return sb.Append("---\n").ToString();
    }
}
