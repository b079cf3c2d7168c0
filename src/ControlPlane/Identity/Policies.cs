using MedVid.Grains.Teams;
using Microsoft.AspNetCore.Authorization;

namespace MedVid.ControlPlane.Identity;

/// <summary>
/// Authorization policies by minimum team role (roles are ordered: rater &lt; researcher &lt; admin), and the platform
/// administrator, a flag of the user rather than a team role, who alone creates teams and sets GPU quotas.
/// </summary>
public static class Policies
{
    public const string Rater = "rater";
    public const string Researcher = "researcher";
    public const string Admin = "admin";
    public const string PlatformAdmin = "platform-admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Rater, p => p.RequireAuthenticatedUser().RequireAssertion(c => AtLeast(c, TeamRole.Rater)));
        options.AddPolicy(Researcher, p => p.RequireAuthenticatedUser().RequireAssertion(c => AtLeast(c, TeamRole.Researcher)));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => AtLeast(c, TeamRole.Admin)));
        options.AddPolicy(PlatformAdmin, p => p.RequireAuthenticatedUser().RequireClaim(Caller.PlatformAdminClaim, "true"));
    }

    private static bool AtLeast(AuthorizationHandlerContext context, TeamRole minimum) =>
        Enum.TryParse<TeamRole>(context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, out var role) && role >= minimum;
}
