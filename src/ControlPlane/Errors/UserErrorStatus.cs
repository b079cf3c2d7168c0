using MedVid.Grains.Abstractions;
using MedVid.Storage;
using MedVid.Video;

namespace MedVid.ControlPlane.Errors;

/// <summary>
/// The errors users cause and the HTTP status each answers with: the one list that the API's exception handler and
/// the portal's forms share. Anything not listed is a bug, not a user error.
/// </summary>
public static class UserErrorStatus
{
    /// <summary>The status for a user error, or null when <paramref name="e"/> is not one.</summary>
    public static int? Of(Exception e) => e switch
    {
        EntityNotFoundException or WrongTeamException or BlobNotFoundException => StatusCodes.Status404NotFound,
        IllegalTransitionException => StatusCodes.Status409Conflict,
        InvalidGrainArgumentException or InvalidBlobPathException or InvalidUploadException or InvalidVideoException or ApiValidationException
            => StatusCodes.Status400BadRequest,
        PayloadTooLargeException => StatusCodes.Status413PayloadTooLarge,
        _ => null,
    };

    public static string Title(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Not allowed in the current state",
        StatusCodes.Status400BadRequest => "Invalid request",
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        _ => "Bad request",
    };
}
