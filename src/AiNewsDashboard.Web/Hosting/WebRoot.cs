namespace AiNewsDashboard.Web.Hosting;

/// <summary>Finds the web root: the published copy next to the binary, else the repository's top-level wwwroot/.</summary>
public static class WebRoot
{
    public static string? Resolve()
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (File.Exists(Path.Combine(published, "css", "app.css")))
            return published;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiNewsDashboard.sln")) && Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                return Path.Combine(dir.FullName, "wwwroot");
        }
        return null;
    }
}
