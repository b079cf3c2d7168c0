using MedVid.ControlPlane.Identity;
using MedVid.Grains.Teams;
using MedVid.Storage;

namespace MedVid.ControlPlane.Apis;

/// <summary>
/// Reads blobs of the caller's team by path, with ranges. A path outside teams/{callerTeam}/ answers 404 exactly
/// like a missing blob, so guessed paths of other teams reveal nothing. Researchers and admins only: raters reach the
/// media of their assigned tasks through the rating endpoints, never the team's datasets and models.
/// </summary>
public static class BlobsApi
{
    public static RouteGroupBuilder MapBlobsApi(this RouteGroupBuilder api)
    {
        api.MapMethods("/blobs/{**path}", ["GET", "HEAD"], Read).RequireAuthorization(Policies.Researcher);
        return api;
    }

    public static async Task Read(string path, HttpContext http, [AsParameters] ApiServices api)
    {
        BlobPath.Validate(path);
        if (!TeamBlobs.Belongs(path, api.Caller.TeamId)) throw new BlobNotFoundException(path);
        await BlobResults.Stream(http, api.Blobs, path);
    }
}
