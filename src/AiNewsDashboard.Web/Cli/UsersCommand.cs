using System.CommandLine;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Web.Cli;

/// <summary>
/// <c>users add &lt;name&gt; --role Viewer|Editor|Admin</c>, <c>users list</c>, <c>users remove &lt;name&gt;</c>: the accounts
/// of Accounts mode, managed on the server, so the first administrator can exist before anyone can sign in.
/// The password is read from standard input when it is redirected, else prompted for without echo; never taken as an
/// argument, where shell history and process lists would keep it.
/// </summary>
internal static class UsersCommand
{
    public static Command Create(CliContext cli)
    {
        var name = CliContext.NoOptionLikeValues(new Argument<string>("name") { Description = "The account's user name." });
        var role = new Option<string>("--role") { Required = true, HelpName = "Viewer|Editor|Admin", Description = "What the account may do; each role includes the ones before it." };
        role.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, DashboardRoles.All);
        // Only there to refuse it with the reason: an unknown option would earn just "unrecognized".
        var password = new Option<string>("--password") { Hidden = true };
        password.Validators.Add(r => r.AddError("a password is never taken as an argument (shell history and process lists would keep it): " +
                                                "pipe it on standard input, or type it at the prompt."));
        var db = CliContext.DbOption();
        var add = new Command("add", "Add an account. The password comes from standard input when it is redirected, else from a prompt; never from an argument.")
            { name, role, password, db };
        add.SetAction(async (parse, ct) =>
        {
            await using var services = await cli.OpenAsync(parse.GetValue(db), withStore: true, withAccounts: true, ct);
            return await AddAsync(services.GetRequiredService<UserManager<IdentityUser>>(), parse.GetRequiredValue(name),
                DashboardRoles.Parse(parse.GetRequiredValue(role))!, cli.Stdin, cli.Stdout, cli.Stderr);
        });

        var listDb = CliContext.DbOption();
        var list = new Command("list", "List the accounts with their role and whether they are locked out.") { listDb };
        list.SetAction(async (parse, ct) =>
        {
            await using var services = await cli.OpenAsync(parse.GetValue(listDb), withStore: true, withAccounts: true, ct);
            return await ListAsync(services, cli.Stdout, ct);
        });

        var removeName = CliContext.NoOptionLikeValues(new Argument<string>("name") { Description = "The account to remove; its open sessions end within a minute." });
        var removeDb = CliContext.DbOption();
        var remove = new Command("remove", "Remove an account.") { removeName, removeDb };
        remove.SetAction(async (parse, ct) =>
        {
            await using var services = await cli.OpenAsync(parse.GetValue(removeDb), withStore: true, withAccounts: true, ct);
            return await RemoveAsync(services.GetRequiredService<UserManager<IdentityUser>>(), parse.GetRequiredValue(removeName), cli.Stdout, cli.Stderr);
        });

        var unlockName = CliContext.NoOptionLikeValues(new Argument<string>("name") { Description = "The account whose lockout to end." });
        var unlockDb = CliContext.DbOption();
        var unlock = new Command("unlock", "End an account's lockout after failed sign-ins, so its user can sign in again at once.") { unlockName, unlockDb };
        unlock.SetAction(async (parse, ct) =>
        {
            await using var services = await cli.OpenAsync(parse.GetValue(unlockDb), withStore: true, withAccounts: true, ct);
            return await AccountLockout.UnlockAsync(services.GetRequiredService<UserManager<IdentityUser>>(), parse.GetRequiredValue(unlockName), cli.Stdout, cli.Stderr);
        });

        return new Command("users", "Accounts for Auth:Mode=Accounts, managed on the server, so the first administrator exists before anyone can sign in.")
            { add, list, remove, unlock };
    }

    private static async Task<int> AddAsync(UserManager<IdentityUser> users, string name, string role, TextReader? stdin,
        TextWriter stdout, TextWriter stderr)
    {
        if (await users.FindByNameAsync(name) is not null)
        {
            await stderr.WriteLineAsync($"error: the account '{name}' already exists; remove it first to set a new role or password.");
            return CommandLine.SomeRejected;
        }
        var password = ReadPassword(stdin, stderr);
        if (string.IsNullOrEmpty(password))
            throw new UsageException("no password given: pipe it on standard input, or type it at the prompt.");

        var user = new IdentityUser(name);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await stderr.WriteLineAsync($"error: the account '{name}' was not created: {Describe(created)}");
            return CommandLine.UsageError;
        }
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            await stderr.WriteLineAsync($"error: the account '{name}' was not created: {Describe(added)}");
            return CommandLine.Failed;
        }
        await stdout.WriteLineAsync($"Added {name} ({role}). They can sign in once the dashboard runs with Auth:Mode=Accounts.");
        return CommandLine.Ok;
    }

    private static async Task<int> ListAsync(ServiceProvider services, TextWriter stdout, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName)
            .Select(u => new
            {
                u.UserName,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
            })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            await stdout.WriteLineAsync("No accounts. Create the first with: users add <name> --role Admin");
            return CommandLine.Ok;
        }
        var width = Math.Max(4, rows.Max(r => r.UserName?.Length ?? 0));
        await stdout.WriteLineAsync($"{"name".PadRight(width)}  role    status");
        foreach (var r in rows)
        {
            var locked = r.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? $"locked until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "active";
            await stdout.WriteLineAsync($"{(r.UserName ?? "").PadRight(width)}  {string.Join(',', r.Roles),-6}  {locked}");
        }
        return CommandLine.Ok;
    }

    private static async Task<int> RemoveAsync(UserManager<IdentityUser> users, string name, TextWriter stdout, TextWriter stderr)
    {
        if (await users.FindByNameAsync(name) is not { } user)
        {
            await stderr.WriteLineAsync($"error: there is no account '{name}' (see 'users list').");
            return CommandLine.SomeRejected;
        }
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            await stderr.WriteLineAsync($"error: the account '{name}' was not removed: {Describe(deleted)}");
            return CommandLine.Failed;
        }
        // Open sessions end within Accounts.RevalidationInterval: their security stamp no longer has an account behind it.
        await stdout.WriteLineAsync($"Removed {name}.");
        return CommandLine.Ok;
    }

    /// <summary>One line from redirected input (a test's reader, a pipe, a file), else a prompt that does not echo.</summary>
    private static string? ReadPassword(TextReader? stdin, TextWriter stderr)
    {
        if (stdin is not null)
            return stdin.ReadLine();
        if (Console.IsInputRedirected)
            return Console.In.ReadLine();
        var first = Prompt("Password: ", stderr);
        var again = Prompt("Repeat it: ", stderr);
        if (first != again)
            throw new UsageException("the two passwords differ.");
        return first;
    }

    private static string Prompt(string label, TextWriter stderr)
    {
        stderr.Write(label);
        var text = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
                text.Length--;
            else if (!char.IsControl(key.KeyChar))
                text.Append(key.KeyChar);
        }
        stderr.WriteLine();
        return text.ToString();
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
