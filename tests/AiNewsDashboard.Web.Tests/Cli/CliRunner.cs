using System.Diagnostics;
using AiNewsDashboard.Web.Cli;

namespace AiNewsDashboard.Web.Tests.Cli;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

public static class CliRunner
{
    /// <summary>Runs the CLI in-process, capturing its output.</summary>
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The app's own executable as a child process, exactly as a user would start it.</summary>
    public static Process StartProcess(params string[] args)
    {
        var dll = typeof(CommandLine).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start the app");
    }
}
