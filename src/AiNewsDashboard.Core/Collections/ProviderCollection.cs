namespace AiNewsDashboard.Core.Collections;

/// <summary>
/// A named set of providers ("wire services", "national press"), usable wherever a provider filter is through the URL's
/// <c>collection</c> parameter. Members are provider domains as the query snapshot knows them (merge rules applied:
/// a merged alias counts as its canonical provider).
/// </summary>
public sealed class ProviderCollection
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<string> Members { get; set; } = [];
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}
