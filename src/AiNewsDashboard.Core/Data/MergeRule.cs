namespace AiNewsDashboard.Core.Data;

/// <summary>What a merge rule joins: two providers (by domain) or two topics (by key).</summary>
public enum MergeKind { Provider, Topic }

/// <summary>
/// "Count <see cref="Alias"/> as <see cref="Canonical"/>": a provider domain, or a topic key (its lower-cased name).
/// The imported rows are never touched; the query snapshot applies the rules when it is built (Merges/MergeRules),
/// so removing a rule gives back exactly what was there before.
/// </summary>
public sealed class MergeRule
{
    public int Id { get; set; }
    public MergeKind Kind { get; set; }
    public required string Alias { get; set; }
    public required string Canonical { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Who added it; null for the command line and Local mode (shown as "local").</summary>
    public string? CreatedBy { get; set; }
}
