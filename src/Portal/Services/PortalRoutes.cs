using MedVid.Grains.Teams;

namespace MedVid.Portal.Services;

/// <summary>Where a user lands: raters only ever see the rating pages; everyone else the dashboard (or where they were going).</summary>
public static class PortalRoutes
{
    public const string Rating = "/rating";

    public static string Home(TeamRole role, string? returnUrl)
    {
        if (role == TeamRole.Rater) return IsRating(returnUrl) ? returnUrl! : Rating;
        return IsLocal(returnUrl) ? returnUrl! : "/";
    }

    public static bool IsRating(string? url) => IsLocal(url) && (url == Rating || url!.StartsWith(Rating + "/", StringComparison.Ordinal) || url.StartsWith(Rating + "?", StringComparison.Ordinal));

    /// <summary>Only local paths ("/x", not "//host" or "/\host"): an open redirect would let a link send a signed-in user elsewhere.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
