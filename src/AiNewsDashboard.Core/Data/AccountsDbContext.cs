using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// Accounts mode's users and roles (ASP.NET Core Identity) in the same SQLite database as the articles. A context of
/// its own, with its own migrations (Data/Migrations/Accounts), so account schema changes never touch the article
/// model's migrations and the article queries never see Identity's tables.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options) : IdentityDbContext<IdentityUser>(options);
