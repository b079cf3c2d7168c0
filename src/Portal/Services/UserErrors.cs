using MedVid.ControlPlane.Errors;

namespace MedVid.Portal.Services;

/// <summary>
/// The errors a form shows as the server's message (the API's own list, <see cref="UserErrorStatus"/>); anything else
/// is a bug and goes to the error handler.
/// </summary>
public static class UserErrors
{
    public static bool IsUserError(Exception e) => UserErrorStatus.Of(e) is not null;

    public static bool IsNotFound(Exception e) => UserErrorStatus.Of(e) == StatusCodes.Status404NotFound;
}
