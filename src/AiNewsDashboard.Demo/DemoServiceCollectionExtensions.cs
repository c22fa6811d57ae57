using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Demo;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The bundled demo data (<see cref="DemoData"/>); needs the store and the importer (<c>AddNewsData</c>, <c>AddArticleImport</c>).</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services) => services.AddSingleton<DemoData>();
}
