using System.Net;

namespace MedVid.Storage.Azure;

/// <summary>A request that Azure Blob storage refused, with its error code (e.g. "AuthenticationFailed").</summary>
public sealed class AzureBlobException(HttpStatusCode status, string? errorCode, string message)
    : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Azure's error code from the x-ms-error-code header or the error body; null when it sent none.</summary>
    public string? ErrorCode { get; } = errorCode;
}
