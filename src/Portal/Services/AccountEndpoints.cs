using MedVid.ControlPlane.Application;
using MedVid.ControlPlane.Apis;
using MedVid.ControlPlane.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace MedVid.Portal.Services;

/// <summary>
/// Sign-out and the team switcher: plain form posts from the navigation bar (antiforgery-checked, since they bind
/// a form), answered with a redirect. Sign-in is the /signin page, which shows its errors in place.
/// </summary>
public static class AccountEndpoints
{
    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // Explicit: sign-out binds no form field, so the antiforgery check would not be implied.
        app.MapPost("/account/signout", (Delegate)SignOut).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/account/team", SwitchTeam).WithMetadata(new RequireAntiforgeryTokenAttribute()).RequireAuthorization(Policies.Rater);
        return app;
    }

    private static async Task<IResult> SignOut(HttpContext context)
    {
        await PortalAuthentication.SignOutAsync(context);
        return Results.LocalRedirect(PortalAuthentication.SignInPath);
    }

    /// <summary>Re-issues the cookie for another team of the user, with their role there; refuses teams they are not in.</summary>
    private static async Task<IResult> SwitchTeam(HttpContext context, [FromForm] Guid teamId, [FromForm] string? returnUrl, PortalSession session)
    {
        var caller = session.Caller;
        var team = (await session.Api.TeamsOfAsync(caller.UserId)).FirstOrDefault(t => t.Id == teamId);
        if (team is null) return Results.Problem("You are not a member of that team.", statusCode: StatusCodes.Status403Forbidden);
        await PortalAuthentication.SignInAsync(context, caller.UserId, caller.UserName, team.Id, team.Role, caller.IsPlatformAdmin);
        return Results.LocalRedirect(PortalRoutes.Home(team.Role, returnUrl));
    }
}
