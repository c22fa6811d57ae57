using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// The copy groups laid over one facts snapshot: which rows are copies of an earlier article, and for each such row the
/// row of its group's first publisher (<see cref="ArticleFacts.None"/> when the snapshot doesn't hold it).
/// </summary>
internal sealed class CopyRows
{
    private readonly Dictionary<int, int> _firstRowOfCopy;

    private CopyRows(ArticleFacts facts, CopyGroups groups)
    {
        Facts = facts;
        Groups = groups;
        Copies = new ulong[(facts.Count + 63) / 64];
        _firstRowOfCopy = [];
        foreach (var g in groups.Groups)
        {
            var first = facts.RowOf(g.First.ArticleId);
            for (var i = 1; i < g.Members.Count; i++)
            {
                if (facts.RowOf(g.Members[i].ArticleId) is var row and >= 0)
                {
                    Copies[row >> 6] |= 1UL << row;
                    _firstRowOfCopy[row] = first;
                }
            }
        }
    }

    public static CopyRows Of(ArticleFacts facts, CopyGroups groups) => new(facts, groups);

    public ArticleFacts Facts { get; }
    public CopyGroups Groups { get; }

    /// <summary>A bit per row: set for a copy.</summary>
    public ulong[] Copies { get; }

    public bool IsCopy(int row) => (Copies[row >> 6] & (1UL << row)) != 0;

    /// <summary>The row of a copy's first publisher; <see cref="ArticleFacts.None"/> for a row that is no copy, or whose first publisher isn't in the snapshot.</summary>
    public int FirstRowOf(int row) => _firstRowOfCopy.TryGetValue(row, out var first) ? first : ArticleFacts.None;
}
