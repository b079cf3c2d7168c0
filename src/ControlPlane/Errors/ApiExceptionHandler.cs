using MedVid.Grains.Abstractions;
using MedVid.Storage;
using MedVid.Video;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace MedVid.ControlPlane.Errors;

/// <summary>
/// Turns domain errors into 4xx problem details carrying the error's message. Ids of other teams' entities answer
/// 404 like unknown ids, so nobody can learn what exists elsewhere.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var (status, title) = exception switch
        {
            EntityNotFoundException or WrongTeamException or BlobNotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            IllegalTransitionException => (StatusCodes.Status409Conflict, "Not allowed in the current state"),
            InvalidGrainArgumentException or InvalidBlobPathException or InvalidVideoException or ApiValidationException
                => (StatusCodes.Status400BadRequest, "Invalid request"),
            PayloadTooLargeException => (StatusCodes.Status413PayloadTooLarge, "Upload too large"),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request"),
            _ => (0, ""),
        };
        if (status == 0) return false;
        context.Response.StatusCode = status;
        var detail = exception is BlobNotFoundException ? "The blob does not exist." : Detail(exception);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
            Exception = exception,
        });
    }

    // Malformed JSON: name the part of the body that could not be read, without the framework's type names.
    private static string Detail(Exception e) =>
        e is BadHttpRequestException && e.InnerException is System.Text.Json.JsonException json
            ? $"The request body is not valid JSON for this endpoint: {json.Message}"
            : e.Message;
}

/// <summary>A request value the API itself refuses (before any grain is called).</summary>
public sealed class ApiValidationException(string message) : Exception(message);

/// <summary>An upload larger than the configured limit.</summary>
public sealed class PayloadTooLargeException(string message) : Exception(message);
