using System.Security.Claims;
using MedVid.Grains.Teams;

namespace MedVid.ControlPlane.Identity;

/// <summary>Who is calling: user, the one team the request is scoped to, their role in it, and the token used.</summary>
public sealed record Caller(Guid UserId, string UserName, Guid TeamId, TeamRole Role, Guid? TokenId)
{
    public const string TeamClaim = "medvid:team";
    public const string TokenClaim = "medvid:token";

    public static Caller From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The request is not authenticated.");
        var token = user.FindFirstValue(TokenClaim);
        return new Caller(Guid.Parse(id), user.Identity?.Name ?? "", Guid.Parse(user.FindFirstValue(TeamClaim)!),
            Enum.Parse<TeamRole>(user.FindFirstValue(ClaimTypes.Role)!), token is null ? null : Guid.Parse(token));
    }

    public static ClaimsPrincipal Principal(Guid userId, string userName, Guid teamId, TeamRole role, Guid? tokenId, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId.ToString()),
            new(ClaimTypes.Name, userName),
            new(TeamClaim, teamId.ToString()),
            new(ClaimTypes.Role, role.ToString()),
        };
        if (tokenId is not null) claims.Add(new Claim(TokenClaim, tokenId.Value.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
