using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiNewsDashboard.Store.Postgres;

// Let `dotnet ef migrations add X --project src/AiNewsDashboard.Store.Postgres --context NewsDbContext` (or
// AccountsDbContext, InstancesDbContext) build the PostgreSQL model without a server.

internal sealed class NewsDesignTimeFactory : IDesignTimeDbContextFactory<NewsDbContext>
{
    public NewsDbContext CreateDbContext(string[] args) => new(DesignTime.Options<NewsDbContext>());
}

internal sealed class AccountsDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args) => new(DesignTime.Options<AccountsDbContext>());
}

internal sealed class InstancesDesignTimeFactory : IDesignTimeDbContextFactory<InstancesDbContext>
{
    public InstancesDbContext CreateDbContext(string[] args) => new(DesignTime.Options<InstancesDbContext>());
}

internal static class DesignTime
{
    public static DbContextOptions<T> Options<T>() where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        PostgresStore.ConfigureFor(options, "Host=localhost;Database=design_time");
        return options.Options;
    }
}
