namespace MedVid.Phantoms.Tests;

/// <summary>
/// The accuracy the estimators are held to on frames decoded from H.264 MP4 at 64..256 pixels and
/// 16..64 frames (docs/phantoms.md lists them with the errors actually measured).
/// </summary>
internal static class Tolerances
{
    public const double HeartRateBpm = 5;
    public const double ArticulatorRelative = 0.10;
    public const double SpeedRelative = 0.25;
    public const int Cells = 1;
}
