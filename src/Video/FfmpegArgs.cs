using System.Globalization;

namespace MedVid.Video;

/// <summary>Formats values the way ffmpeg's command line parses them (invariant culture, no locale commas).</summary>
internal static class FfmpegArgs
{
    public static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
