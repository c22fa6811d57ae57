using System.Diagnostics.Metrics;

namespace AiNewsDashboard.Core.Diagnostics;

/// <summary>
/// The importer's measurements (System.Diagnostics.Metrics), for whoever runs the app: the host exports them, with the
/// snapshot's and the framework's (requests, circuits, the runtime), at <c>/metrics</c>.
/// </summary>
public static class DashboardMeter
{
    /// <summary>The meter's name, which an exporter subscribes to.</summary>
    public const string Name = "AiNewsDashboard";

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> ImportedArticles = Meter.CreateCounter<long>(
        "ainews.import.articles", "{article}", "Articles an import has committed, by outcome (imported: new; updated: changed)");

    private static readonly Counter<long> ImportedFiles = Meter.CreateCounter<long>(
        "ainews.import.files", "{file}", "Files an import has committed, whatever their outcome (unchanged and rejected included)");

    /// <summary>Counts what one committed batch wrote: its rate is the import rate.</summary>
    public static void ImportCommitted(int files, int imported, int updated)
    {
        ImportedFiles.Add(files);
        if (imported > 0)
            ImportedArticles.Add(imported, new KeyValuePair<string, object?>("outcome", "imported"));
        if (updated > 0)
            ImportedArticles.Add(updated, new KeyValuePair<string, object?>("outcome", "updated"));
    }
}
