namespace AiNewsDashboard.Core.Annotations;

/// <summary>
/// An event on the time axis: a day (<see cref="To"/> null) or a range of days, a label and an optional http(s) link.
/// Global (<see cref="SavedViewId"/> null) or shown only with one saved view.
/// </summary>
public sealed class Annotation
{
    public const int MaxLabelLength = 200;
    public const int MaxUrlLength = 2000;

    public int Id { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public required string Label { get; set; }
    public string? Url { get; set; }
    public int? SavedViewId { get; set; }

    /// <summary>Who added it; null in Local mode.</summary>
    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}
