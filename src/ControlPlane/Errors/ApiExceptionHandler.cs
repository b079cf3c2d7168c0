using MedVid.Storage;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace MedVid.ControlPlane.Errors;

/// <summary>
/// Turns domain errors into 4xx problem details carrying a message for users. Ids of other teams' entities answer
/// 404 like unknown ids, so nobody can learn what exists elsewhere. Whatever users should not see (server paths,
/// ffmpeg output, framework hints) goes to the log instead.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var status = exception is BadHttpRequestException bad ? bad.StatusCode : UserErrorStatus.Of(exception) ?? 0;
        var title = UserErrorStatus.Title(status);
        if (status == 0) return false;
        log.LogInformation(exception, "Refused {Method} {Path} with {Status}", context.Request.Method, context.Request.Path, status);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = Detail(exception, context.Request) },
            Exception = exception,
        });
    }

    private static string Detail(Exception e, HttpRequest request) => e switch
    {
        BlobNotFoundException => "The blob does not exist.",
        // Malformed JSON: name the part of the body that could not be read, without the framework's type names.
        BadHttpRequestException { InnerException: JsonException json } => $"The request body is not valid JSON for this endpoint: {json.Message}",
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is too large.",
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "Send the request body as application/json.",
        // The framework's own text here is a hint to developers ("Did you mean to use a Service instead?").
        BadHttpRequestException when request.ContentLength is 0 or null => "The request needs a JSON body.",
        BadHttpRequestException => "The request could not be read.",
        _ => e.Message,
    };
}

/// <summary>A request value the API itself refuses (before any grain is called).</summary>
public sealed class ApiValidationException(string message) : Exception(message);

/// <summary>A request body larger than its limit (an upload, or a JSON body).</summary>
public sealed class PayloadTooLargeException(string message) : Exception(message);
