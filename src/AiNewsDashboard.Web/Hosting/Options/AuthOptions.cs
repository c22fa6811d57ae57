namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// <c>Auth:Mode</c>. Local (the default): a single-user tool on this machine, no sign-in, loopback only.
/// Accounts: ASP.NET Core Identity in the same database, roles, required for any other address.
/// </summary>
public sealed class AuthOptions : ISettingsSection
{
    public static string Section => "Auth";

    /// <summary>Read by <see cref="SettingEnumConverter{TEnum}"/>: a name in any case, never a number.</summary>
    public AuthMode Mode { get; set; } = AuthMode.Local;
}
