using System.Globalization;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Views;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Annotations;

/// <summary>What an annotation is made of, as a form, the API or a CSV row gives it.</summary>
public sealed record AnnotationInput(DateOnly From, DateOnly? To, string? Label, string? Url, int? SavedViewId);

/// <summary>One bad row of an imported CSV: its line number (the header is line 1) and what was wrong.</summary>
public sealed record CsvRowError(int Line, string Message);

/// <summary>An import's outcome: how many were added, or every bad row (and then none was added).</summary>
public sealed record AnnotationImportResult(int Imported, IReadOnlyList<CsvRowError> Errors);

/// <summary>
/// Annotations: events drawn on the time charts. Global ones show everywhere; one scoped to a saved view shows with that
/// view. Roles are checked by the callers (Editors and Admins write, everyone reads).
/// </summary>
public sealed class AnnotationService(IDbContextFactory<NewsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The CSV's columns, as exported and as an import must name them.</summary>
    public static readonly string[] CsvHeader = ["from", "to", "label", "url", "view"];

    public const int MaxImportRows = 10_000;

    /// <summary>
    /// The global annotations plus those of <paramref name="savedViewId"/>, that touch [<paramref name="from"/>,
    /// <paramref name="to"/>] (either end open), by date.
    /// </summary>
    public async Task<IReadOnlyList<Annotation>> ListAsync(DateOnly? from, DateOnly? to, int? savedViewId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Annotations.AsNoTracking().Where(a => a.SavedViewId == null || a.SavedViewId == savedViewId);
        if (to is { } t)
            query = query.Where(a => a.From <= t);
        if (from is { } f)
            query = query.Where(a => (a.To ?? a.From) >= f);
        return await query.OrderBy(a => a.From).ThenBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Every annotation, global and scoped, by date: the management page and the export.</summary>
    public async Task<IReadOnlyList<Annotation>> ListAllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Annotations.AsNoTracking().OrderBy(a => a.From).ThenBy(a => a.Id).ToListAsync(ct);
    }

    public async Task<Annotation?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Annotations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
    }

    /// <exception cref="EditRejectedException">The first thing wrong with <paramref name="input"/>.</exception>
    public async Task<Annotation> CreateAsync(AnnotationInput input, string? createdBy, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var annotation = await CheckedAsync(db, input, createdBy, ct);
        db.Annotations.Add(annotation);
        await db.SaveChangesAsync(ct);
        return annotation;
    }

    /// <summary>Replaces its date, label, link and view. Null when there is no such annotation.</summary>
    public async Task<Annotation?> UpdateAsync(int id, AnnotationInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Annotations.FirstOrDefaultAsync(a => a.Id == id, ct) is not { } annotation)
            return null;
        var valid = await CheckedAsync(db, input, null, ct);
        (annotation.From, annotation.To, annotation.Label, annotation.Url, annotation.SavedViewId) = (valid.From, valid.To, valid.Label, valid.Url, valid.SavedViewId);
        annotation.UpdatedUtc = valid.UpdatedUtc;
        await db.SaveChangesAsync(ct);
        return annotation;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Annotations.Where(a => a.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// Adds the annotations of a CSV (<see cref="CsvHeader"/>, dates YYYY-MM-DD, <c>view</c> a saved view's id or empty):
    /// all of them, or, if any row is wrong, none, and every bad row with its line number and what is wrong.
    /// </summary>
    public async Task<AnnotationImportResult> ImportCsvAsync(string csv, string? createdBy, CancellationToken ct = default)
    {
        var errors = new List<CsvRowError>();
        var rows = CsvRows.Read(csv, errors);
        if (rows.Count == 0 && errors.Count == 0)
            return new(0, [new CsvRowError(1, $"the file is empty: the first line must be the header {string.Join(',', CsvHeader)}")]);
        if (rows.Count > 0)
        {
            var (headerLine, header) = rows[0];
            if (!header.Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(CsvHeader))
                return new(0, [new CsvRowError(headerLine, $"the header is '{string.Join(',', header)}'; it must be {string.Join(',', CsvHeader)}")]);
        }
        if (rows.Count - 1 > MaxImportRows)
            return new(0, [new CsvRowError(1, $"{rows.Count - 1} rows is more than the {MaxImportRows} one import takes")]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var viewIds = (await db.SavedViews.AsNoTracking().Select(v => v.Id).ToListAsync(ct)).ToHashSet();
        var annotations = new List<Annotation>();
        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.Count != CsvHeader.Length)
            {
                errors.Add(new(line, $"{cells.Count} columns; every row needs {CsvHeader.Length} ({string.Join(',', CsvHeader)})"));
                continue;
            }
            try
            {
                var input = new AnnotationInput(
                    Date(cells[0], "from") ?? throw new EditRejectedException("from", "from: is required"),
                    Date(cells[1], "to"), Unescaped(cells[2]), Blank(cells[3]), ViewId(cells[4]));
                annotations.Add(Checked(input, createdBy, viewIds.Contains));
            }
            catch (EditRejectedException e)
            {
                errors.Add(new(line, e.Message));
            }
        }
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (errors.Count > 0)
            return new(0, errors);
        db.Annotations.AddRange(annotations);
        await db.SaveChangesAsync(ct);
        return new(annotations.Count, []);
    }

    private async Task<Annotation> CheckedAsync(NewsDbContext db, AnnotationInput input, string? createdBy, CancellationToken ct)
    {
        var viewExists = input.SavedViewId is not { } id || await db.SavedViews.AnyAsync(v => v.Id == id, ct);
        return Checked(input, createdBy, _ => viewExists);
    }

    private Annotation Checked(AnnotationInput input, string? createdBy, Func<int, bool> viewExists)
    {
        if (input.To is { } to && to < input.From)
            throw new EditRejectedException("to", $"to: {to:yyyy-MM-dd} is before from: {input.From:yyyy-MM-dd}");
        var label = EditRules.Name(input.Label, "label", Annotation.MaxLabelLength);
        string? url = null;
        if (!string.IsNullOrWhiteSpace(input.Url))
        {
            url = input.Url.Trim();
            if (url.Length > Annotation.MaxUrlLength)
                throw new EditRejectedException("url", $"url: {url.Length} characters is more than the {Annotation.MaxUrlLength} allowed");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
                string.IsNullOrEmpty(uri.Host))
                throw new EditRejectedException("url", $"url: '{url}' is not an http(s) link such as https://example.com/news");
        }
        if (input.SavedViewId is { } id && !viewExists(id))
            throw new EditRejectedException("view", $"view: there is no saved view with id {id}");
        var now = clock.GetUtcNow();
        return new Annotation
        {
            From = input.From, To = input.To == input.From ? null : input.To, Label = label, Url = url, SavedViewId = input.SavedViewId,
            CreatedBy = createdBy, CreatedUtc = now, UpdatedUtc = now,
        };
    }

    private static DateOnly? Date(string cell, string name)
    {
        if (string.IsNullOrWhiteSpace(cell))
            return null;
        if (DateOnly.TryParseExact(cell.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        throw new EditRejectedException(name, $"{name}: '{cell.Trim()}' is not a date (expected YYYY-MM-DD)");
    }

    private static int? ViewId(string cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
            return null;
        if (int.TryParse(cell.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            return id;
        throw new EditRejectedException("view", $"view: '{cell.Trim()}' is not a saved view's id (a whole number) or empty");
    }

    private static string? Blank(string cell) => string.IsNullOrWhiteSpace(cell) ? null : cell.Trim();

    /// <summary>The export guards a label starting with = + - @ with an apostrophe (spreadsheets run those): take it off again.</summary>
    private static string Unescaped(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;
}

/// <summary>RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. Each row with the line it starts on.</summary>
internal static class CsvRows
{
    public static List<(int Line, List<string> Cells)> Read(string text, List<CsvRowError> errors)
    {
        var rows = new List<(int, List<string>)>();
        var line = 1;
        var i = 0;
        if (text.StartsWith('\uFEFF'))
            i = 1;
        while (i < text.Length)
        {
            var start = line;
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            var endOfRow = false;
            while (!endOfRow)
            {
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            errors.Add(new(start, "a quoted cell is never closed (a \" is missing)"));
                            return rows;
                        }
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                cell.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (text[i] == '\n')
                            line++;
                        cell.Append(text[i++]);
                    }
                }
                while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                    cell.Append(text[i++]);
                cells.Add(cell.ToString());
                cell.Clear();
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }
                if (i < text.Length && text[i] == '\r')
                    i++;
                if (i < text.Length && text[i] == '\n')
                    i++;
                line++;
                endOfRow = true;
            }
            if (cells is not [""])
                rows.Add((start, cells));
        }
        return rows;
    }
}
