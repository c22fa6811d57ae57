using AiNewsDashboard.Web.Cli;
using Microsoft.AspNetCore.Identity;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The way back in when someone keeps an account locked: sign-in attempts are throttled per address first
/// (Security:LoginAttemptsPerMinute), then the account locks for <see cref="Accounts.LockoutMinutes"/> minutes after
/// <see cref="Accounts.MaxFailedAttempts"/> failures; an administrator on the server ends a lockout at once.
/// </summary>
public static class AccountLockout
{
    /// <summary><c>users unlock &lt;name&gt;</c>: ends the account's lockout and forgets its failed attempts; returns the exit code.</summary>
    public static async Task<int> UnlockAsync(UserManager<IdentityUser> users, string name, TextWriter stdout, TextWriter stderr)
    {
        if (await users.FindByNameAsync(name) is not { } user)
        {
            await stderr.WriteLineAsync($"error: there is no account '{name}' (see 'users list').");
            return CommandLine.SomeRejected;
        }
        var wasLocked = await users.IsLockedOutAsync(user);
        var unlocked = await users.SetLockoutEndDateAsync(user, null);
        var reset = unlocked.Succeeded ? await users.ResetAccessFailedCountAsync(user) : unlocked;
        if (!reset.Succeeded)
        {
            await stderr.WriteLineAsync($"error: the account '{name}' was not unlocked: {string.Join(" ", reset.Errors.Select(e => e.Description))}");
            return CommandLine.Failed;
        }
        await stdout.WriteLineAsync(wasLocked
            ? $"Unlocked {name}: they can sign in again now."
            : $"{name} was not locked; its count of failed sign-ins is back to zero.");
        return CommandLine.Ok;
    }
}
