using System.Security.Claims;
using MedVid.ControlPlane.Identity;
using MedVid.Grains.Runtime;
using Orleans;
using MedVid.Storage;

namespace MedVid.ControlPlane.Application;

/// <summary>What the API handlers need, bundled so handlers take one [AsParameters] argument.</summary>
public sealed record ApiServices(
    IGrainFactory Grains, GrainDirectory Directory, IBlobStore Blobs, IdentityService Identity, ControlPlaneOptions Options, ClaimsPrincipal User)
{
    /// <summary>The authenticated caller; every handler behind authorization has one.</summary>
    public Caller Caller => Caller.From(User);
}
