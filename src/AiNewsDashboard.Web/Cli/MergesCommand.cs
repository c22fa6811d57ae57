using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Merges;
using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Cli;

/// <summary>
/// <c>merges list|add|remove|suggest</c>: the merge rules (Core/Merges/MergeRules) from the command line, as the
/// merges page manages them. A refused rule (unknown name, already merged, a loop) exits 1 with the reason.
/// </summary>
internal static class MergesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Command Create(CliContext cli)
    {
        var listJson = JsonOption();
        var listDb = CliContext.DbOption();
        var list = new Command("list", "List the merge rules: each alias and the provider or topic it counts as.") { listJson, listDb };
        list.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(listDb), async rules =>
        {
            var all = await rules.ListAsync(ct);
            if (parse.GetValue(listJson))
                return Print(cli, new { rules = all });
            if (all.Count == 0)
                await cli.Stdout.WriteLineAsync("No merge rules. See 'merges suggest' for candidates.");
            foreach (var r in all)
                await cli.Stdout.WriteLineAsync(Line(r));
            return CommandLine.Ok;
        }, ct));

        var addKind = KindArgument();
        var alias = CliContext.NoOptionLikeValues(new Argument<string>("alias") { Description = "The provider (domain or name) or topic to merge away." });
        var into = new Option<string>("--into")
            { Required = true, HelpName = "canonical", Description = "The provider (domain or name) or topic it counts as from now on." };
        var addJson = JsonOption();
        var addDb = CliContext.DbOption();
        var add = new Command("add", "Count a provider or topic as another in every view, export and API answer. Imported data is not changed; " +
                                     "'merges remove' undoes it exactly. Exit code 1 when the rule is refused.") { addKind, alias, into, addJson, addDb };
        add.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(addDb), async rules =>
        {
            var rule = await rules.AddAsync(parse.GetValue(addKind), parse.GetRequiredValue(alias), parse.GetRequiredValue(into), createdBy: null, ct);
            if (parse.GetValue(addJson))
                return Print(cli, new { added = rule });
            await cli.Stdout.WriteLineAsync($"Merged: {Line(rule)}");
            return CommandLine.Ok;
        }, ct));

        var removeKind = KindArgument();
        var removeAlias = CliContext.NoOptionLikeValues(new Argument<string>("alias") { Description = "The merged-away provider or topic to count on its own again." });
        var removeJson = JsonOption();
        var removeDb = CliContext.DbOption();
        var remove = new Command("remove", "Remove the rule that merges a provider or topic away: every answer is then as before the rule. " +
                                           "Exit code 1 when no rule merges it.") { removeKind, removeAlias, removeJson, removeDb };
        remove.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(removeDb), async rules =>
        {
            var rule = await rules.RemoveAsync(parse.GetValue(removeKind), parse.GetRequiredValue(removeAlias), ct);
            if (parse.GetValue(removeJson))
                return Print(cli, new { removed = rule });
            await cli.Stdout.WriteLineAsync($"Removed: {Line(rule)}");
            return CommandLine.Ok;
        }, ct));

        var suggestJson = JsonOption();
        var suggestDb = CliContext.DbOption();
        var suggest = new Command("suggest", "List candidates: topics equal once case, spacing, punctuation and U.S./US are set aside; providers " +
                                             "with such names, one registrable domain (Public Suffix List), or a contracted name (HuffPost).")
            { suggestJson, suggestDb };
        suggest.SetAction((parse, ct) => RunAsync(cli, parse.GetValue(suggestDb), async rules =>
        {
            var suggestions = await rules.SuggestAsync(ct);
            if (parse.GetValue(suggestJson))
                return Print(cli, new
                {
                    publicSuffixList = rules.Suffixes.Path, publicSuffixListFallback = rules.Suffixes.Fallback,
                    suggestions = suggestions.Select(s => new { s.Id, s.Kind, s.Canonical, s.Aliases, s.Reasons }),
                });
            if (rules.Suffixes.Fallback is { } fallback)
                await cli.Stderr.WriteLineAsync($"note: {fallback}.");
            if (suggestions.Count == 0)
                await cli.Stdout.WriteLineAsync("No candidates: no two providers or topics look alike.");
            foreach (var s in suggestions)
            {
                var noun = s.Kind == MergeKind.Provider ? "provider" : "topic";
                await cli.Stdout.WriteLineAsync($"{noun} {Named(s.Kind, s.Canonical)}, {Labels.Count(s.Canonical.Articles, "article")}");
                foreach (var a in s.Aliases)
                    await cli.Stdout.WriteLineAsync($"  + {Named(s.Kind, a)}, {Labels.Count(a.Articles, "article")}   merges add {noun} {Quote(a.Key)} --into {Quote(s.Canonical.Key)}");
                foreach (var reason in s.Reasons)
                    await cli.Stdout.WriteLineAsync($"    ({reason})");
            }
            return CommandLine.Ok;
        }, ct));

        return new Command("merges", "Merge rules: provider aliases and topic synonyms that count as one everywhere (Admin's merges page alike).")
            { list, add, remove, suggest };
    }

    private static Option<bool> JsonOption() =>
        new("--json") { Description = "Print exactly one JSON object on stdout (errors go to stderr)." };

    private static Argument<MergeKind> KindArgument() => new("kind")
    {
        HelpName = "provider|topic",
        Description = "provider or topic.",
        CustomParser = r => r.Tokens[0].Value.ToLowerInvariant() switch
        {
            "provider" => MergeKind.Provider,
            "topic" => MergeKind.Topic,
            var other => Refuse(r, $"kind must be provider or topic, not '{other}'."),
        },
    };

    private static MergeKind Refuse(System.CommandLine.Parsing.ArgumentResult r, string message)
    {
        r.AddError(message);
        return MergeKind.Provider;
    }

    private static async Task<int> RunAsync(CliContext cli, string? db, Func<MergeRules, Task<int>> action, CancellationToken ct)
    {
        await using var services = await cli.OpenAsync(db, withStore: true, withAccounts: false, ct);
        try
        {
            return await action(services.GetRequiredService<MergeRules>());
        }
        catch (MergeRuleException e)
        {
            await cli.Stderr.WriteLineAsync($"error: {e.Message}");
            return CommandLine.SomeRejected;
        }
    }

    private static int Print(CliContext cli, object value)
    {
        cli.Stdout.WriteLine(JsonSerializer.Serialize(value, Json));
        return CommandLine.Ok;
    }

    private static string Line(MergeRuleView r) =>
        $"{(r.Kind == MergeKind.Provider ? "provider" : "topic")} {Named(r.Kind, r.Alias, r.AliasName)} -> {Named(r.Kind, r.Canonical, r.CanonicalName)}";

    private static string Named(MergeKind kind, MergeCandidate c) => Named(kind, c.Key, c.Name);

    private static string Named(MergeKind kind, string key, string name) =>
        kind == MergeKind.Provider && !string.Equals(key, name, StringComparison.Ordinal) ? $"\"{name}\" ({key})" : $"\"{name}\"";

    private static string Quote(string value) => value.All(c => char.IsLetterOrDigit(c) || c is '.' or '-') ? value : $"'{value.Replace("'", "'\\''")}'";
}
