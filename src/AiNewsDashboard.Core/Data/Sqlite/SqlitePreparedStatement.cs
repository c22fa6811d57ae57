using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// One prepared statement driven through SQLitePCL directly, on an open <see cref="SqliteConnection"/> (and inside
/// whatever transaction that connection has open). For the importer's hot loop only: a Microsoft.Data.Sqlite command
/// looks every parameter up by name and converts that name to UTF-8 on each execution, and opens a data reader even
/// for a scalar; profiling showed that this, not SQLite, was most of the writer's time. Here parameter indexes are
/// resolved once, at prepare time.
/// Values are bound the way Microsoft.Data.Sqlite binds them, so rows read the same through EF Core: text as UTF-8,
/// booleans as 0/1, DateTime as "yyyy-MM-dd HH:mm:ss.FFFFFFF" text.
/// Errors surface as <see cref="SqliteException"/> with the same codes and messages a command would give.
/// </summary>
internal sealed class SqlitePreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly string[] _names;
    private readonly int[] _indexes;
    private readonly ulong _all;
    private int _next;
    private ulong _bound; // one bit per declared parameter: a forgotten one would silently keep the last run's value

    public SqlitePreparedStatement(SqliteConnection connection, string sql, params string[] parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection must be open.");
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _stmt, out var tail);
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
        if (!string.IsNullOrWhiteSpace(tail))
            throw new ArgumentException("One statement only: SQLite would silently ignore the rest.", nameof(sql));
        _names = parameters;
        _indexes = new int[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            _indexes[i] = raw.sqlite3_bind_parameter_index(_stmt, parameters[i]);
            if (_indexes[i] == 0)
                throw new ArgumentException($"The statement has no parameter {parameters[i]}.", nameof(parameters));
        }
        if (raw.sqlite3_bind_parameter_count(_stmt) != parameters.Length || parameters.Length > 64)
            throw new ArgumentException("Every parameter of the statement must be named, once (64 at most).", nameof(parameters));
        _all = parameters.Length == 64 ? ulong.MaxValue : (1UL << parameters.Length) - 1;
    }

    public SqlitePreparedStatement Set(string name, string? value)
    {
        var i = IndexOf(name);
        Check(value is null ? raw.sqlite3_bind_null(_stmt, i) : raw.sqlite3_bind_text(_stmt, i, value));
        return this;
    }

    public SqlitePreparedStatement Set(string name, long? value)
    {
        var i = IndexOf(name);
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, i, v) : raw.sqlite3_bind_null(_stmt, i));
        return this;
    }

    public SqlitePreparedStatement Set(string name, int? value) => Set(name, (long?)value);

    public SqlitePreparedStatement Set(string name, bool? value) => Set(name, value is { } v ? (v ? 1L : 0L) : null);

    public SqlitePreparedStatement Set(string name, DateTime? value) =>
        Set(name, value?.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture));

    /// <summary>Runs the statement to its end; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            while (Step()) { }
        }
        finally
        {
            Reset();
        }
        return raw.sqlite3_changes(_db);
    }

    /// <summary>
    /// Runs an INSERT; the new row's rowid. Cheaper than RETURNING, which makes SQLite buffer the result in a
    /// temporary table. Exact: a trigger's own inserts do not change it once the trigger has finished.
    /// </summary>
    public long Insert()
    {
        Execute();
        return raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>The first column of the first row, or null when there is no row or it is NULL.</summary>
    public long? ScalarInt64()
    {
        try
        {
            return Step() && !IsNull(0) ? GetInt64(0) : null;
        }
        finally
        {
            Reset();
        }
    }

    /// <summary>Advances to the next row: false at the end. Callers that read rows must <see cref="Reset"/> afterwards.</summary>
    public bool Step()
    {
        if (_bound != _all)
            throw new InvalidOperationException("Every parameter must be set before each run.");
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
            return true;
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    /// <summary>Makes the statement ready to run again (keeping the values bound, which every run sets anew).</summary>
    public void Reset()
    {
        raw.sqlite3_reset(_stmt);
        _next = 0;
        _bound = 0;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;
    public long GetInt64(int column) => raw.sqlite3_column_int64(_stmt, column);
    public string? GetString(int column) => IsNull(column) ? null : raw.sqlite3_column_text(_stmt, column).utf8_to_string();

    /// <summary>Callers set parameters in the order they were declared, which makes this one comparison.</summary>
    private int IndexOf(string name)
    {
        var i = _next < _names.Length && string.Equals(_names[_next], name, StringComparison.Ordinal) ? _next : Array.IndexOf(_names, name);
        if (i < 0)
            throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
        _next = i + 1;
        _bound |= 1UL << i;
        return _indexes[i];
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _stmt.Dispose();
}
