using System.Security.Claims;
using MedVid.Grains.Teams;

namespace MedVid.ControlPlane.Identity;

/// <summary>
/// Who is calling: user, the one team the request is scoped to, their role in it, the token used, and whether the
/// user is a platform administrator (teams and GPU quotas; independent of the team role).
/// </summary>
public sealed record Caller(Guid UserId, string UserName, Guid TeamId, TeamRole Role, Guid? TokenId, bool IsPlatformAdmin)
{
    public const string TeamClaim = "medvid:team";
    public const string TokenClaim = "medvid:token";
    public const string PlatformAdminClaim = "medvid:platform-admin";

    public static Caller From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The request is not authenticated.");
        var token = user.FindFirstValue(TokenClaim);
        return new Caller(Guid.Parse(id), user.Identity?.Name ?? "", Guid.Parse(user.FindFirstValue(TeamClaim)!),
            Enum.Parse<TeamRole>(user.FindFirstValue(ClaimTypes.Role)!), token is null ? null : Guid.Parse(token), user.HasClaim(PlatformAdminClaim, "true"));
    }

    public static ClaimsPrincipal Principal(Guid userId, string userName, Guid teamId, TeamRole role, Guid? tokenId, bool platformAdmin, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(ClaimTypes.Name, userName),
            new(TeamClaim, teamId.ToString()),
            new(ClaimTypes.Role, role.ToString()),
        };
        if (tokenId is not null) claims.Add(new Claim(TokenClaim, tokenId.Value.ToString()));
        if (platformAdmin) claims.Add(new Claim(PlatformAdminClaim, "true"));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
