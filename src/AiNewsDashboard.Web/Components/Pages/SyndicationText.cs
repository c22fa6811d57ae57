using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>Syndication in words: why articles were grouped, how late a copy came, what the section counts.</summary>
public static class SyndicationText
{
    /// <summary>"similar text (0.92), shared image, same title".</summary>
    public static string Why(CopyReasons reasons, double similarity)
    {
        var parts = new List<string>();
        if (reasons.HasFlag(CopyReasons.SimilarText))
            parts.Add($"similar text ({Labels.Number(similarity, "0.00")})");
        if (reasons.HasFlag(CopyReasons.SharedImage))
            parts.Add($"shared image, text {Labels.Number(similarity, "0.00")} alike");
        if (reasons.HasFlag(CopyReasons.SameTitle))
            parts.Add("same title");
        return parts.Count == 0 ? "–" : string.Join(", ", parts);
    }

    /// <summary>The reasons of a whole group, without figures.</summary>
    public static string Reasons(CopyReasons reasons) =>
        string.Join(", ", new[] { (CopyReasons.SimilarText, "similar text"), (CopyReasons.SharedImage, "shared image"), (CopyReasons.SameTitle, "same title") }
            .Where(r => reasons.HasFlag(r.Item1)).Select(r => r.Item2));

    /// <summary>"+3 h" after the first publisher; "same time" at zero.</summary>
    public static string Lag(double? hours) => hours switch
    {
        null => "",
        < 1.0 / 60 => "same time",
        < 1 => $"+{Labels.Number(hours * 60, "0")} min",
        < 48 => $"+{Labels.Number(hours, "0.#")} h",
        _ => $"+{Labels.Number(hours / 24, "0.#")} d",
    };

    /// <summary>
    /// What the section counts. While detection hasn't checked every article the groups lack the copies among those
    /// still to check, so the count is what it found so far.
    /// </summary>
    public static string Summary(SyndicationReport r) =>
        r.Groups == 0 && !r.Detection.Finished
            ? $"No copies found so far among {Labels.Count(r.Articles, "matching article")}."
            : r.Groups == 0
            ? $"No copies among {Labels.Count(r.Articles, "matching article")}: no two share most of their text (Jaccard ≥ {Labels.Number(r.JaccardThreshold, "0.00")}), " +
              "a picture (other than a logo) with a similar text, or a title."
            : $"{CopiesWord(r.Copies)}{(r.Detection.Finished ? "" : " found so far")} among {Labels.Count(r.Articles, "matching article")}, in {Labels.Count(r.Groups, "group")}. " +
              $"Copies share most of their title and excerpt (Jaccard ≥ {Labels.Number(r.JaccardThreshold, "0.00")}), an image with a similar text " +
              $"(images on more than {r.MaxImageShare} articles are logos and don't count), or a title.";

    /// <summary>
    /// While detection hasn't checked every article: how far the pass at work has got (its copies show when it ends), or
    /// how many articles wait for the next one (the last was cut short, or none has run since the app started).
    /// </summary>
    public static string Detection(CopyDetectionProgress d) => d.Running
        ? $"Copy detection is still running: {Labels.Count(d.Checked)} of {Labels.Count(d.Checked + d.Unchecked, "article")} to check are done. " +
          "The copies it finds show when it has checked them all."
        : $"{Labels.Count(d.Unchecked, "article")} not checked for copies yet: the groups hold the copies found before them.";

    /// <summary>A missing share of originals (the Providers page's column, a provider's card), explained.</summary>
    public const string OriginalsUnknown = "not known until copy detection has checked every article";

    /// <summary>Why a share of originals (the Providers page's Original) is not given while detection hasn't checked every article.</summary>
    public static string Originals(CopyDetectionProgress d) => d.Running
        ? $"Original shares show when copy detection has checked every article: {Labels.Count(d.Checked)} of {Labels.Count(d.Checked + d.Unchecked, "article")} to check are done."
        : $"Original shares show when copy detection has checked {Labels.Count(d.Unchecked, "more article")}.";

    /// <summary>How much of its work the pass at work has done, 0–100.</summary>
    public static double DetectionPercent(CopyDetectionProgress d) => d.Checked + d.Unchecked is var all and > 0 ? 100.0 * d.Checked / all : 0;

    /// <summary>"+3 copies" in a list row.</summary>
    public static string Copies(int n) => $"+{CopiesWord(n)}";

    /// <summary>Under a copy group whose list is cut short: "5 of 1,203 copies listed".</summary>
    public static string Listed(int listed, int copies) => $"{Labels.Count(listed)} of {CopiesWord(copies)} listed";

    /// <summary>Under the article list: how many matching articles are folded into their first publisher's row.</summary>
    public static string Folded(int n) =>
        $"{CopiesWord(n)} of listed articles {(n == 1 ? "is" : "are")} folded into their first publisher's row (+N copies); the export lists every article.";

    internal static string CopiesWord(int n) => n == 1 ? "1 copy" : $"{Labels.Count(n)} copies";
}
