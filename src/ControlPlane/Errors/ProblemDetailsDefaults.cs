namespace MedVid.ControlPlane.Errors;

/// <summary>
/// The detail of problems the framework writes without one (status code pages for unmatched routes, 405, 415), so
/// that every error carries a message for users.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static void Fill(ProblemDetailsContext context)
    {
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => "There is nothing at this address: check the path and the id in it.",
            StatusCodes.Status405MethodNotAllowed => $"This address does not accept {context.HttpContext.Request.Method} requests.",
            StatusCodes.Status415UnsupportedMediaType => "Send the request body as application/json.",
            StatusCodes.Status401Unauthorized => "Send an API token as 'Authorization: Bearer <token>' (POST /api/v1/auth/tokens issues one).",
            StatusCodes.Status403Forbidden => "Your role in this team does not allow this.",
            >= 500 => "The server failed to handle the request; the error has been logged.",
            _ => "The request could not be handled.",
        };
    }
}
