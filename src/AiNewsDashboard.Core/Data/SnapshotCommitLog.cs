using System.Buffers.Binary;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// One writer batch's entry in the store-global log of what commits touched (<see cref="SnapshotCommitLog"/>): which
/// articles it wrote, and the store's snapshot version before and after it. Written in the batch's own transaction.
/// </summary>
public sealed class SnapshotCommit
{
    /// <summary>The store's snapshot version the batch committed (the key: each commit moves the version).</summary>
    public long VersionAfter { get; set; }

    /// <summary>The version the batch followed: the one just before its commit moved it, under the write lock.</summary>
    public long VersionBefore { get; set; }

    /// <summary>The ids the batch inserted, updated or removed, as little-endian int32s in ascending order; null when it can't say.</summary>
    public byte[]? Articles { get; set; }

    public DateTime CommittedAt { get; set; }
}

/// <summary>
/// The store-global log of writer commits (<see cref="SnapshotCommit"/>), so that a snapshot's cache in any process
/// or instance can tell which articles other writers' commits touched, and update its snapshot from them instead of
/// reading it whole (Queries/ArticleFactsCache). Both stores' writers append one entry per batch that moved the
/// version, in the batch's transaction, and prune the log now and then; both read it through EF.
/// </summary>
/// <remarks>
/// A change the log doesn't name (a trigger's move of the version: merge rules, other updates) leaves a gap between
/// entries, and a reader that finds one reads the snapshot whole. So does one whose range reaches past what was pruned.
/// </remarks>
public static class SnapshotCommitLog
{
    /// <summary>At least this many of the latest entries are kept...</summary>
    public const int KeepCommits = 2_000;

    /// <summary>...and every entry younger than this, whichever keeps more.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);

    /// <summary>A writer prunes the log in the batch whose commit moves the version past a multiple of this.</summary>
    public const int PruneEvery = 100;

    /// <summary>
    /// Appends the entry for a batch that moved the version from <paramref name="versionBefore"/> to
    /// <paramref name="versionAfter"/> (nothing when it didn't), and prunes now and then, on the writer's connection
    /// inside its transaction. The same statements on both stores.
    /// </summary>
    public static void Append(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int>? articles,
        long versionBefore, long versionAfter, DateTime now)
    {
        if (versionAfter == versionBefore)
            return;
        now = DateTime.SpecifyKind(now, DateTimeKind.Unspecified); // as the model stores a moment, on both stores
        using (var insert = Command(connection, transaction, """
            INSERT INTO "SnapshotCommits" ("VersionAfter", "VersionBefore", "Articles", "CommittedAt") VALUES (@after, @before, @articles, @at)
            """))
        {
            Parameter(insert, "@after", versionAfter);
            Parameter(insert, "@before", versionBefore);
            Parameter(insert, "@articles", (object?)Pack(articles) ?? DBNull.Value);
            Parameter(insert, "@at", now);
            insert.ExecuteNonQuery();
        }
        if (versionBefore / PruneEvery != versionAfter / PruneEvery)
            Prune(connection, transaction, KeepCommits, now - KeepFor);
    }

    /// <summary>Drops the entries older than <paramref name="cutoff"/> that are not among the latest <paramref name="keep"/>.</summary>
    internal static int Prune(DbConnection connection, DbTransaction? transaction, int keep, DateTime cutoff)
    {
        using var prune = Command(connection, transaction, $"""
            DELETE FROM "SnapshotCommits" WHERE "CommittedAt" < @cutoff
              AND "VersionAfter" <= (SELECT "VersionAfter" FROM "SnapshotCommits" ORDER BY "VersionAfter" DESC LIMIT 1 OFFSET {keep})
            """);
        Parameter(prune, "@cutoff", DateTime.SpecifyKind(cutoff, DateTimeKind.Unspecified));
        return prune.ExecuteNonQuery();
    }

    /// <summary>
    /// The entries that moved the version past <paramref name="afterVersion"/> up to <paramref name="upToVersion"/>, in
    /// order, as commits; the reader checks that they chain (a gap: a change the log doesn't name, or a pruned entry).
    /// </summary>
    public static async Task<IReadOnlyList<StoreCommit>> ReadAsync(IDbContextFactory<NewsDbContext> dbFactory, long afterVersion, long upToVersion,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SnapshotCommits.AsNoTracking()
            .Where(c => c.VersionAfter > afterVersion && c.VersionAfter <= upToVersion)
            .OrderBy(c => c.VersionAfter)
            .ToListAsync(ct);
        return [.. rows.Select(c => new StoreCommit(Unpack(c.Articles), c.VersionBefore, c.VersionAfter))];
    }

    /// <summary>4 bytes an article, ascending; null stays null ("can't say").</summary>
    public static byte[]? Pack(IReadOnlyCollection<int>? ids)
    {
        if (ids is null)
            return null;
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        var bytes = new byte[sorted.Length * sizeof(int)];
        for (var i = 0; i < sorted.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * sizeof(int)), sorted[i]);
        return bytes;
    }

    public static int[]? Unpack(byte[]? bytes)
    {
        if (bytes is null)
            return null;
        if (bytes.Length % sizeof(int) != 0)
            return null; // not written by Pack: can't say
        var ids = new int[bytes.Length / sizeof(int)];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * sizeof(int)));
        return ids;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Parameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
