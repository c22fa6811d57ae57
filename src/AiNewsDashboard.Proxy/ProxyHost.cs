namespace AiNewsDashboard.Proxy;

/// <summary>
/// The proxy in front of several dashboard instances, configured entirely by the <c>ReverseProxy</c> section
/// (proxy.json beside the executable holds a sample with two instances; settings on the command line or in the
/// environment override it, as in any ASP.NET Core app). YARP forwards WebSockets, which carry each Blazor circuit, and
/// adds <c>X-Forwarded-For</c> and <c>-Proto</c>; session affinity keeps a browser on the instance that holds its circuit.
/// </summary>
public static class ProxyHost
{
    public const string SettingsFile = "proxy.json";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // The sample first, then what overrides it: the environment and the command line, then the caller's.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = SettingsFile, Optional = false, FileProvider = builder.Environment.ContentRootFileProvider,
        });
        configure?.Invoke(builder);
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }

    public static void Main(string[] args) => Build(args).Run();
}
