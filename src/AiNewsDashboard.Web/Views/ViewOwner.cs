using System.Security.Claims;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Views;

/// <summary>Who owns the saved views a request sees: the signed-in user in Accounts mode, the one local user in Local mode.</summary>
public sealed class ViewOwner(IOptions<AuthOptions> auth)
{
    public bool IsLocal => auth.Value.Mode == AuthMode.Local;

    public string Of(ClaimsPrincipal user) =>
        IsLocal || user.Identity is not { IsAuthenticated: true, Name: { Length: > 0 } name } ? SavedViewService.LocalOwner : name;

    public async Task<string> OfAsync(Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider state) =>
        Of((await state.GetAuthenticationStateAsync()).User);

    /// <summary>Who is adding an annotation: the user's name in Accounts mode, null (shown as "local") in Local mode.</summary>
    public string? CreatorOf(ClaimsPrincipal user) => IsLocal ? null : user.Identity?.Name;
}
