namespace MedVid.Phantoms;

/// <summary>Ready-made phantom sets: a small varied demo set, and random parameters for training sets.</summary>
public static class PhantomCatalog
{
    /// <summary>
    /// Six short phantoms (128x128, 4 s at 12 fps) covering the four modalities with contrasting
    /// parameters, so a demo shows prompts that differ in more than the modality.
    /// </summary>
    public static IReadOnlyList<PhantomSpec> Demo(int seed) =>
    [
        new EchoPhantom(HeartRateBpm: 66, Seed: seed),
        new EchoPhantom(HeartRateBpm: 110, Seed: seed + 1),
        new EndoscopyPhantom(SpeedPerSecond: 0.6, Polyp: true, Seed: seed + 2),
        new EndoscopyPhantom(SpeedPerSecond: 1.4, Polyp: false, Seed: seed + 3),
        new MicroscopyPhantom(CellCount: 6, Divisions: 1, Seed: seed + 4),
        new MriPhantom(ArticulatorHz: 1.2, Seed: seed + 5, Width: 160, Height: 128),
    ];

    /// <summary>
    /// Samples a phantom of modality <paramref name="modality"/> with parameters spread over the
    /// ranges the estimators are validated on (docs/phantoms.md).
    /// </summary>
    public static PhantomSpec Random(Modality modality, Random rng, int width = 128, int height = 128, int frames = 48, double fps = 12)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var seed = rng.Next();
        return modality switch
        {
            Modality.Ultrasound => new EchoPhantom(Math.Round(Between(rng, 50, 150)), seed, width, height, frames, fps, Math.Round(Between(rng, 0.35, 0.65), 2)),
            Modality.Endoscopy => new EndoscopyPhantom(Math.Round(Between(rng, 0.3, 2.0), 1), rng.Next(2) == 1, seed, width, height, frames, fps),
            Modality.Cells => CellsPhantom(rng, seed, width, height, frames, fps),
            Modality.RtMri => new MriPhantom(Math.Round(Between(rng, 0.6, Math.Min(3.0, 0.4 * fps)), 1), seed, width, height, frames, fps),
            _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, null),
        };
    }

    private static MicroscopyPhantom CellsPhantom(Random rng, int seed, int width, int height, int frames, double fps)
    {
        var cells = rng.Next(2, 13);
        return new MicroscopyPhantom(cells, rng.Next(0, Math.Min(3, cells) + 1), seed, width, height, frames, fps);
    }

    private static double Between(Random rng, double min, double max) => min + (max - min) * rng.NextDouble();
}
