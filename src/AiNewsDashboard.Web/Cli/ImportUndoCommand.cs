using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Api;

namespace AiNewsDashboard.Web.Cli;

/// <summary>
/// <c>import undo &lt;runId&gt; [--dry-run] [--json]</c>: removes what one import run added (<see cref="ImportUndo"/>,
/// as the import page and the API do). Exit codes: 0 undone (or previewed); 2 no such run or a bad id; 3 the run can't
/// be undone (already undone, an undo, unfinished, from before runs listed their articles, nothing left), with why.
/// </summary>
internal static class ImportUndoCommand
{
    /// <summary>Entries of each list the text output shows; --json lists them all.</summary>
    private const int ShownPerList = 20;

    /// <summary>The API's spelling (camelCase), with titles and messages readable as they are ("can't", not "can\u0027t").</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext cli)
    {
        var runId = new Argument<int>("runId")
        {
            Description = "The import's number in the history (the # column of the import page; 'import' prints it).",
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                if (int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                    return id;
                r.AddError($"runId must be an import's number in the history, a whole number from 1 up (not '{text}').");
                return 0;
            },
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be removed and kept; change nothing." };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object on stdout (as the API's /api/imports/{id}/undo answers)." };
        var db = CliContext.DbOption();
        var command = new Command("undo",
            "Remove what one import added: its articles, and the references only they link to. Articles other articles link to stay " +
            "as references; articles a later import updated stay; updates the import made are reported, not reverted.")
            { runId, dryRun, json, db };
        command.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(runId), parse.GetValue(dryRun), parse.GetValue(json), parse.GetValue(db), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, int runId, bool dryRun, bool json, string? db, CancellationToken ct)
    {
        await using var services = await cli.OpenAsync(db, withStore: true, withAccounts: false, ct);
        var undo = services.GetRequiredService<ImportUndo>();
        var listed = json ? int.MaxValue : ShownPerList;
        UndoPlan plan;
        int? undoRunId = null;
        if (dryRun)
            plan = await undo.PreviewAsync(runId, listed, ct);
        else
            (plan, undoRunId) = await undo.UndoAsync(runId, undoneBy: Environment.UserName is { Length: > 0 } u ? $"cli ({u})" : "cli", listed, ct);

        if (json)
            await cli.Stdout.WriteLineAsync(JsonSerializer.Serialize(UndoResponse.From(plan, dryRun, undoRunId), Json));
        if (!plan.CanUndo)
        {
            await cli.Stderr.WriteLineAsync($"error: {plan.Problem}");
            return plan.Refusal == UndoRefusal.NotFound ? CommandLine.UsageError : CommandLine.Failed;
        }
        if (!json)
            await WriteTextAsync(cli.Stdout, plan, dryRun, undoRunId);
        return CommandLine.Ok;
    }

    private static async Task WriteTextAsync(TextWriter o, UndoPlan p, bool dryRun, int? undoRunId)
    {
        var run = p.Run!;
        var what = $"{Count(p.ArticlesToRemove, "article")} and {Count(p.ReferencesToRemove, "reference")}";
        await o.WriteLineAsync(dryRun
            ? $"Undoing import #{p.RunId} ({run.Kind}, {run.Source}, {run.StartedAt:yyyy-MM-dd HH:mm} UTC) would remove {what}."
            : $"Undid import #{p.RunId} ({run.Kind}, {run.Source}): removed {what}. Recorded in the history as #{undoRunId}.");
        await ListAsync(o, p.Removed, p.ArticlesToRemove, dryRun ? "Articles removed:" : "Removed:");
        await ListAsync(o, p.KeptReferences, p.KeptAsReferences,
            $"{p.KeptAsReferences:N0} {(dryRun ? Verb(p.KeptAsReferences, "stays", "stay") : "stayed")} as {(p.KeptAsReferences == 1 ? "a reference" : "references")}, because other articles link to {(p.KeptAsReferences == 1 ? "it" : "them")}:");
        await ListAsync(o, p.UpdatedLater, p.KeptUpdatedLater,
            $"{Count(p.KeptUpdatedLater, "article")} {(dryRun ? Verb(p.KeptUpdatedLater, "stays", "stay") : "stayed")} as {(p.KeptUpdatedLater == 1 ? "it is" : "they are")}, because a later import updated {(p.KeptUpdatedLater == 1 ? "it" : "them")}:");
        if (p.UpdatedNote is { } note)
            await o.WriteLineAsync(note);
        if (dryRun)
            await o.WriteLineAsync($"Nothing was changed (--dry-run). Run 'import undo {p.RunId}' to undo it.");
    }

    private static async Task ListAsync(TextWriter o, IReadOnlyList<UndoArticle> shown, int total, string heading)
    {
        if (total == 0)
            return;
        await o.WriteLineAsync(heading);
        foreach (var a in shown)
            await o.WriteLineAsync($"  {a.Id,8}  {a.Title ?? "(untitled)"}  {a.Url}{(a.LaterRunId is { } later ? $"  (updated by import #{later})" : "")}");
        if (total > shown.Count)
            await o.WriteLineAsync($"  … and {total - shown.Count:N0} more (--json lists them all)");
    }

    private static string Verb(int n, string one, string many) => n == 1 ? one : many;

    private static string Count(int n, string noun) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";
}
