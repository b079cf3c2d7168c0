using System.Text.Encodings.Web;
using MedVid.ControlPlane.Errors;
using MedVid.Grains.Abstractions;
using Orleans;
using MedVid.Grains.Teams;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedVid.ControlPlane.Identity;

/// <summary>
/// "Authorization: Bearer mvd_…". The role is read from the Team grain on every request, so removing a member
/// or changing their role takes effect at once, whatever tokens they hold.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IdentityService identity, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var resolved = await identity.ResolveTokenAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (resolved is not { } r) return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        var role = await grains.GetGrain<ITeamGrain>(r.Token.TeamId).GetRoleAsync(r.User.Id);
        if (role is null) return AuthenticateResult.Fail("The token's user is no longer a member of its team.");
        var principal = Caller.Principal(r.User.Id, r.User.UserName, r.Token.TeamId, role.Value, r.Token.Id, r.User.IsPlatformAdmin, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            failure ?? "Send an API token as 'Authorization: Bearer <token>' (POST /api/v1/auth/tokens issues one).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "Your role in this team does not allow this.");
}
