using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Web.Hosting;

/// <summary><c>Graph:NodeLimit</c>: how many nodes the graph shows before it cuts to the most connected part.</summary>
public sealed class GraphOptions : ISettingsSection
{
    public static string Section => "Graph";

    [Range(1, GraphQueries.MaxLimit, ErrorMessage = "must be a number of nodes from {1} to {2}")]
    public int NodeLimit { get; set; } = GraphRequest.DefaultLimit;
}
