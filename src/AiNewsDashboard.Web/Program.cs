using AiNewsDashboard.Web.Cli;
using AiNewsDashboard.Web.Hosting;

// One executable, two faces: `import`, `generate`, `demo` run as a command line tool; anything else serves the dashboard.
if (CommandLine.IsVerb(args))
    return await CommandLine.RunAsync(args, Console.Out, Console.Error);

var app = DashboardHost.CreateBuilder(args).Build();
if (!app.IsSafeToListen(Console.Error))
    return CommandLine.UsageError;
await app.InitializeDataAsync();
app.MapDashboard();
await app.RunAsync();
return 0;

public partial class Program;
