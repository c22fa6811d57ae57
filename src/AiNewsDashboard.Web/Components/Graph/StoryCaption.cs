using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Components.Graph;

/// <summary>
/// The line under a story's headline on the graph, counting what is drawn: the dots, the copies folded into them
/// (syndication: a copy is drawn as "+N copies" on its first publisher's node), and, when the node limit cut some of
/// the story out, how many it has in all. A caption that said "10 articles" over 8 dots read as missing articles.
/// </summary>
public static class StoryCaption
{
    /// <param name="drawn">The story's nodes on the canvas.</param>
    /// <param name="copiesFolded">Copies folded into those nodes.</param>
    public static string Meta(StoryCluster story, int drawn, int copiesFolded)
    {
        var articles = drawn + copiesFolded < story.Size
            ? $"{Labels.Count(drawn)} of {Labels.Count(story.Size, "article")} drawn"
            : Labels.Count(drawn, "article");
        var copies = copiesFolded > 0 ? $" · {SyndicationText.CopiesWord(copiesFolded)} folded" : "";
        var sites = story.OneSite ? "one site" : $"{Labels.Count(story.ProviderCount)} sites";
        return $"{articles}{copies} · {sites}";
    }

    /// <summary>Each story's nodes in the view and the copies folded into them, by cluster id.</summary>
    public static Dictionary<int, (int Drawn, int Copies)> Drawn(IEnumerable<GraphNode> nodes)
    {
        var byCluster = new Dictionary<int, (int Drawn, int Copies)>();
        foreach (var n in nodes)
        {
            var (drawn, copies) = byCluster.GetValueOrDefault(n.Cluster);
            byCluster[n.Cluster] = (drawn + 1, copies + n.Copies);
        }
        return byCluster;
    }
}
