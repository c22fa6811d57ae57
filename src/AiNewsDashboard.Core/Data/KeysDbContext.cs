using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// The Data Protection key ring (what signs login cookies and antiforgery tokens) in the app's database, so every app
/// instance on one database accepts the cookies the others issued. A context of its own, with its own migrations
/// (Data/Migrations/Keys), like <see cref="AccountsDbContext"/>: key storage never touches the article model.
/// </summary>
public sealed class KeysDbContext(DbContextOptions<KeysDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
