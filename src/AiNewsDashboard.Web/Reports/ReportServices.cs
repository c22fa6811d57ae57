namespace AiNewsDashboard.Web.Reports;

public static class ReportServices
{
    /// <summary>The managers' PDF report.</summary>
    public static IServiceCollection AddProviderReports(this IServiceCollection services)
    {
        services.AddSingleton<ProviderReports>();
        return services;
    }
}
