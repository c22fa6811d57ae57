using AiNewsDashboard.Web.Cli;
using AiNewsDashboard.Web.Hosting;

// One executable, two faces: a first argument that is a word (`import`, `users`, or a typo of one) runs the command
// line; options (`--urls`, `--db`, `--Section:Key=value`) or nothing serve the dashboard.
if (CommandLine.IsCommand(args))
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);

var app = DashboardHost.CreateBuilder(args).Build();
if (!app.HasValidSettings(Console.Error) || !app.IsSafeToListen(Console.Error))
    return CommandLine.UsageError;
try
{
    await app.InitializeDataAsync();
}
catch (AiNewsDashboard.Core.Data.StoreUnreachableException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return CommandLine.Failed;
}
app.MapDashboard();
await app.RunAsync();
return 0;

public partial class Program;
