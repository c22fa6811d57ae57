using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace AiNewsDashboard.TestSupport;

/// <summary>
/// Copies every row of every table the news model maps from one store into another, ids included, parents before
/// children: the same data in two stores, for tests that compare the stores' answers.
/// </summary>
public static class StoreCopy
{
    public static async Task CopyAsync(IDbContextFactory<NewsDbContext> from, IDbContextFactory<NewsDbContext> to, CancellationToken ct = default)
    {
        await using var source = await from.CreateDbContextAsync(ct);
        foreach (var type in InDependencyOrder(source.Model))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(type.ClrType).Invoke(source, null)!;
            var rows = await set.AsNoTracking().ToListAsync(ct);
            if (rows.Count == 0)
                continue;
            await using var target = await to.CreateDbContextAsync(ct);
            target.AddRange(rows);
            await target.SaveChangesAsync(ct);
        }
    }

    /// <summary>Entity types with a table of their own, every principal before its dependents.</summary>
    private static List<IEntityType> InDependencyOrder(IModel model)
    {
        var types = model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindPrimaryKey() is not null && t.GetTableName() is not null).ToList();
        var ordered = new List<IEntityType>();
        var placed = new HashSet<IEntityType>();
        while (ordered.Count < types.Count)
        {
            var next = types.First(t => !placed.Contains(t) && t.GetForeignKeys()
                .All(fk => fk.PrincipalEntityType == t || placed.Contains(fk.PrincipalEntityType) || !types.Contains(fk.PrincipalEntityType)));
            ordered.Add(next);
            placed.Add(next);
        }
        return ordered;
    }
}
