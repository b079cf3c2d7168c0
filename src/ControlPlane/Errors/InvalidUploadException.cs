using MedVid.Video;

namespace MedVid.ControlPlane.Errors;

/// <summary>
/// An uploaded file that is not a playable video. The message is for users; ffprobe's own words, which name the
/// server's temporary file and ffmpeg internals, stay in the inner exception, which goes to the log.
/// </summary>
public sealed class InvalidUploadException(string fileName, InvalidVideoException reason)
    : Exception($"'{fileName}' is not a playable video: {Summary(reason)}.", reason)
{
    // VideoProbe's messages read "summary: details"; the summary is the part users can act on.
    private static string Summary(InvalidVideoException e) => e.Message.Split(':', 2)[0];
}
