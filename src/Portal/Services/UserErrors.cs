using MedVid.ControlPlane.Errors;
using MedVid.Grains.Abstractions;
using MedVid.Storage;
using MedVid.Video;

namespace MedVid.Portal.Services;

/// <summary>
/// The errors a form shows as the server's message (the same ones the API answers with 4xx); anything else is a
/// bug and goes to the error handler.
/// </summary>
public static class UserErrors
{
    public static bool IsUserError(Exception e) => e is EntityNotFoundException or WrongTeamException or IllegalTransitionException
        or InvalidGrainArgumentException or ApiValidationException or PayloadTooLargeException or InvalidVideoException
        or InvalidBlobPathException or BlobNotFoundException;

    public static bool IsNotFound(Exception e) => e is EntityNotFoundException or WrongTeamException or BlobNotFoundException;
}
