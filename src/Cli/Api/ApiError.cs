namespace MedVid.Cli.Api;

/// <summary>An error answer of the MedVid API, carrying the server's message.</summary>
public sealed class ApiError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
