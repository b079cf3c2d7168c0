using MedVid.ControlPlane.Apis;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using Orleans;
using MedVid.Grains.Runtime;
using MedVid.Storage;
using MedVid.ControlPlane.Application;
using MedVid.ControlPlane;

namespace MedVid.Portal.Services;

/// <summary>
/// The signed-in caller of one request, and the same <see cref="ApiServices"/> the HTTP API's handlers take, so pages
/// call the API's own functions (team scoping, validation) on the grains instead of repeating that logic.
/// </summary>
public sealed class PortalSession(
    IHttpContextAccessor http, IGrainFactory grains, GrainDirectory directory, IBlobStore blobs, IdentityService identity, ControlPlaneOptions options)
{
    private HttpContext Http => http.HttpContext ?? throw new InvalidOperationException("The portal session is only available during a request.");

    public bool IsSignedIn => Http.User.Identity?.IsAuthenticated == true;

    public Caller Caller => Caller.From(Http.User);

    public ApiServices Api => new(grains, directory, blobs, identity, options, Http.User);

    public IGrainFactory Grains => grains;

    public IBlobStore Blobs => blobs;
}
