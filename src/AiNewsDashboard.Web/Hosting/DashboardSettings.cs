namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The friendly switches on top of the configuration (appsettings.json, environment variables, then
/// <c>--Section:Key=value</c>), which the settings classes (<see cref="DashboardOptions"/>) read.
/// </summary>
public static class DashboardSettings
{
    /// <summary>
    /// Rewrites the friendly switches into configuration keys, so they also behave with ASP.NET's own
    /// command-line parser (which would otherwise swallow the next argument as the value of a bare flag):
    /// <c>--db FILE</c> (or a PostgreSQL server, <see cref="StoreSelection"/>) → ConnectionStrings:News,
    /// <c>--no-demo</c> → Demo:Enabled=false.
    /// </summary>
    public static string[] NormalizeArgs(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--db" && i + 1 < args.Count)
                result.Add($"--ConnectionStrings:News={StoreSelection.FromDbArgument(args[++i])}");
            else if (arg.StartsWith("--db=", StringComparison.Ordinal))
                result.Add($"--ConnectionStrings:News={StoreSelection.FromDbArgument(arg[5..])}");
            else if (arg == "--no-demo")
                result.Add("--Demo:Enabled=false");
            else
                result.Add(arg);
        }
        return [.. result];
    }
}
