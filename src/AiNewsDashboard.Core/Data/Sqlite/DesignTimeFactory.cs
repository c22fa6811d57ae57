using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web app.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NewsDbContext>
{
    public NewsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NewsDbContext>();
        SqliteStore.Configure(options, "Data Source=design-time.db");
        return new NewsDbContext(options.Options);
    }
}

/// <summary>The same for the accounts context: <c>dotnet ef migrations add X --context AccountsDbContext</c>.</summary>
internal sealed class AccountsDesignTimeFactory : IDesignTimeDbContextFactory<AccountsDbContext>
{
    public AccountsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AccountsDbContext>();
        SqliteStore.Configure(options, "Data Source=design-time.db");
        return new AccountsDbContext(options.Options);
    }
}

/// <summary>The same for the key ring's context: <c>dotnet ef migrations add X --context InstancesDbContext</c>.</summary>
internal sealed class InstancesDesignTimeFactory : IDesignTimeDbContextFactory<InstancesDbContext>
{
    public InstancesDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<InstancesDbContext>();
        SqliteStore.Configure(options, "Data Source=design-time.db");
        return new InstancesDbContext(options.Options);
    }
}
