using AiNewsDashboard.Core.Reports;
using AiNewsDashboard.Web.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiNewsDashboard.Web.Reports;

public static class ReportServices
{
    /// <summary>The managers' PDF report, its schedules, and the mail they go out by.</summary>
    public static IServiceCollection AddProviderReports(this IServiceCollection services)
    {
        services.TryAddSingleton<IMailSender, SmtpMailSender>();
        services.TryAddSingleton<IReportViewSource, SavedViewReportSource>();
        services.AddSingleton<ProviderReports>();
        services.AddSingleton<ReportSchedules>();
        services.AddSingleton<ReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportScheduler>());
        return services;
    }
}
