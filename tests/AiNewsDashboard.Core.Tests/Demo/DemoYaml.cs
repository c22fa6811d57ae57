using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace AiNewsDashboard.Core.Tests.Demo;

public sealed record ParsedRelated(string Title, string Excerpt, DateTime Published, string WebUrl, string ProviderName, string ProviderDomain, int Quality);

public sealed record ParsedArticle(
    string Category, string Title, string Excerpt, DateTime Published, string OriginalUrl, string WebUrl,
    int Quality, int Heat, bool IsPublished, string ProviderName, string ProviderDomain,
    IReadOnlyList<string> Topics, IReadOnlyList<string> ImageUrls, IReadOnlyList<ParsedRelated> Related);

/// <summary>Reads generated files with YamlDotNet, independently of the generator, to prove they are valid YAML.</summary>
internal static class DemoYaml
{
    public static YamlMappingNode Load(string text)
    {
        const string open = "---\n", close = "\n---\n";
        Assert.StartsWith(open, text);
        int end = text.IndexOf(close, open.Length - 1, StringComparison.Ordinal);
        Assert.True(end > 0, "no closing ---");
        var stream = new YamlStream();
        stream.Load(new StringReader(text[open.Length..(end + 1)]));
        Assert.Single(stream.Documents);
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public static List<string> TopLevelKeys(string text) =>
        Load(text).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    public static ParsedArticle Parse(string text)
    {
        var root = Load(text);
        var provider = Map(root, "provider");
        return new ParsedArticle(
            Str(root, "category"), Str(root, "title"), Str(root, "excerpt"), Date(root, "publishedDateTime"),
            Str(root, "originalUrl"), Str(root, "webUrl"), Int(root, "quality"), Int(root, "heat"),
            bool.Parse(Str(root, "published")), Str(provider, "name"), Str(provider, "domain"),
            Seq(root, "topics").Select(n => ((YamlScalarNode)n).Value!).ToList(),
            Seq(root, "images").Select(n => Str((YamlMappingNode)n, "url")).ToList(),
            (root.Children.ContainsKey("related") ? Seq(root, "related") : []).Cast<YamlMappingNode>().Select(r =>
            {
                var p = Map(r, "provider");
                return new ParsedRelated(Str(r, "title"), Str(r, "excerpt"), Date(r, "publishedDateTime"), Str(r, "webUrl"),
                    Str(p, "name"), Str(p, "domain"), Int(r, "quality"));
            }).ToList());
    }

    private static string Str(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value!;
    private static int Int(YamlMappingNode node, string key) => int.Parse(Str(node, key), CultureInfo.InvariantCulture);
    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[key];
    private static IEnumerable<YamlNode> Seq(YamlMappingNode node, string key) => ((YamlSequenceNode)node.Children[key]).Children;

    private static DateTime Date(YamlMappingNode node, string key) =>
        DateTime.ParseExact(Str(node, key), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
