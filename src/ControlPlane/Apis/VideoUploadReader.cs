using MedVid.ControlPlane.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MedVid.ControlPlane.Apis;

/// <summary>
/// Streams the first file of a multipart/form-data upload to a temporary file, counting bytes against the limit,
/// so an oversized upload is refused without being held in memory or stored anywhere.
/// </summary>
public static class VideoUploadReader
{
    public const int MaxFileNameLength = 200;

    public const int MaxFieldLength = 16 * 1024;

    /// <summary>The uploaded file in a temporary file, and the other form fields (e.g. "labels" as a JSON object).</summary>
    public sealed record Upload(string FileName, string TempPath, long Length, IReadOnlyDictionary<string, string> Fields) : IDisposable
    {
        public void Dispose()
        {
            if (File.Exists(TempPath)) File.Delete(TempPath);
        }
    }

    public static async Task<Upload> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new ApiValidationException("Upload the video as multipart/form-data with one file field.");
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new ApiValidationException("The multipart upload has no boundary.");
        if (request.ContentLength > maxBytes + 64 * 1024)
            throw new PayloadTooLargeException($"The upload is larger than the limit of {maxBytes} bytes.");

        var reader = new MultipartReader(boundary, request.Body);
        var fields = new Dictionary<string, string>();
        Upload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                if (!disposition.IsFileDisposition())
                {
                    fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? ""] = await ReadFieldAsync(section.Body, ct);
                    continue;
                }
                if (upload is not null) throw new ApiValidationException("Upload one file per request.");
                var fileName = ValidFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                upload = new Upload(fileName, Path.Combine(Path.GetTempPath(), $"medvid-upload-{Guid.NewGuid():N}"), 0, fields);
                var length = await CopyLimitedAsync(section.Body, upload.TempPath, maxBytes, ct);
                if (length == 0) throw new ApiValidationException("The uploaded file is empty.");
                upload = upload with { Length = length };
            }
        }
        catch
        {
            upload?.Dispose();
            throw;
        }
        return upload ?? throw new ApiValidationException("The multipart upload has no file.");
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[MaxFieldLength + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        if (read > MaxFieldLength) throw new ApiValidationException($"A form field is longer than {MaxFieldLength} characters.");
        return new string(buffer, 0, read);
    }

    /// <summary>A plain file name: no folders, no '..', no control characters.</summary>
    public static string ValidFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ApiValidationException("The uploaded file needs a file name.");
        if (name.Length > MaxFileNameLength) throw new ApiValidationException($"The file name is longer than {MaxFileNameLength} characters.");
        if (name.Contains('/') || name.Contains('\\') || name.Contains("..") || name.Any(char.IsControl))
            throw new ApiValidationException($"The file name '{name}' is not a plain file name (no '/', '\\', '..' or control characters).");
        return name.Trim();
    }

    private static async Task<long> CopyLimitedAsync(Stream source, string path, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        await using var target = File.Create(path);
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > maxBytes) throw new PayloadTooLargeException($"The upload is larger than the limit of {maxBytes} bytes.");
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }
}
