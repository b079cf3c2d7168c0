using MedVid.Phantoms.Rendering;
using MedVid.Video;

namespace MedVid.Phantoms;

/// <summary>
/// Real-time MRI of the vocal tract: a grayscale mid-sagittal slice (head, face profile to the right,
/// spine, airway) with the tongue moving up and down sinusoidally at <paramref name="ArticulatorHz"/>.
/// </summary>
public sealed record MriPhantom(
    double ArticulatorHz,
    int Seed = 0,
    int Width = 128,
    int Height = 128,
    int Frames = 48,
    double Fps = 12)
    : PhantomSpec(Seed, Width, Height, Frames, Fps)
{
    public override Modality Modality => Modality.RtMri;

    public override IReadOnlyList<string> Captions =>
    [
        $"A real-time MRI video of the vocal tract with the tongue moving at {Format(ArticulatorHz, "0.0")} Hz.",
        $"Mid-sagittal RT-MRI of speech: the tongue rises and falls {Format(ArticulatorHz, "0.0")} times per second.",
        $"Grayscale dynamic MRI of the upper airway; the articulator oscillates at {Format(ArticulatorHz, "0.0")} Hz ({Format(ArticulatorHz * 60, "0")} cycles per minute).",
    ];

    public override Dictionary<string, string> Labels
    {
        get
        {
            var labels = base.Labels;
            labels["articulator_hz"] = Format(ArticulatorHz);
            return labels;
        }
    }

    protected override void Validate()
    {
        base.Validate();
        if (!(ArticulatorHz > 0 && ArticulatorHz < Fps / 2))
            throw new ArgumentOutOfRangeException(nameof(ArticulatorHz), ArticulatorHz, "the articulator frequency must be above 0 and below half the frame rate");
    }

    protected override IEnumerable<RgbFrame> RenderFrames()
    {
        var random = new PhantomRandom(Seed, stream: 2);
        var texture = new ValueNoise(random, 64, 64);
        var (w, h) = ((double)Width, (double)Height);
        var faceX = random.Range(0.76, 0.82);
        var tongueX = random.Range(0.56, 0.62);
        var tongueY = random.Range(0.6, 0.64);
        var amplitude = random.Range(0.045, 0.06);
        var phase = random.Range(0, 2 * Math.PI);
        var textureScale = 6.0 / Math.Min(w, h);

        for (var f = 0; f < Frames; f++)
        {
            var lift = amplitude * Math.Sin(2 * Math.PI * ArticulatorHz * TimeOf(f) + phase);
            var canvas = new Canvas(Width, Height);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var (u, v) = (x / w, y / h);
                    var value = Tissue(u, v, faceX) * (0.8 + 0.4 * texture.Sample(x * textureScale, y * textureScale));
                    if (value > 0)
                    {
                        value = Airway(u, v, faceX) ? 10 : value;
                        // Tongue: a bright muscle ellipse below the oral airway, moving vertically.
                        var tx = (u - tongueX) / 0.15;
                        var ty = (v - (tongueY - lift)) / 0.085;
                        if (tx * tx + ty * ty < 1)
                            value = 165 + 15 * texture.Sample(x * textureScale + 30, y * textureScale);
                    }
                    // Magnitude MRI noise: the modulus of signal plus complex Gaussian noise (Rician).
                    var re = value + 5 * random.Gaussian();
                    var im = 5 * random.Gaussian();
                    canvas.SetGray(x, y, Math.Sqrt(re * re + im * im));
                }
            }
            yield return canvas.ToFrame();
        }
    }

    /// <summary>Static anatomy intensity at normalised (u, v); 0 is air outside the head.</summary>
    private static double Tissue(double u, double v, double faceX)
    {
        // Face profile: forehead, nose bump, lips, chin, then the neck recedes.
        var profile = faceX + 0.07 * Math.Exp(-Math.Pow((v - 0.38) / 0.05, 2)) + 0.03 * Math.Exp(-Math.Pow((v - 0.64) / 0.03, 2))
            - (v > 0.78 ? (v - 0.78) * 0.9 : 0);
        var hx = (u - 0.4) / 0.62;
        var hy = (v - 0.42) / 0.66;
        var insideHead = hx * hx + hy * hy < 1 || (v > 0.7 && u > 0.12 && u < profile);
        if (!insideHead || u > profile)
            return 0;
        if (Math.Abs(u - 0.2) < 0.05 && v > 0.52 && (v * 14) % 1 < 0.75)
            return 140; // vertebral bodies of the cervical spine
        if (v < 0.3 && u < 0.7)
            return 95; // brain: lower signal than the soft tissue of the face
        return 120;
    }

    /// <summary>The dark air column: oral cavity from the lips back, then the pharynx down to the neck.</summary>
    private static bool Airway(double u, double v, double faceX)
    {
        var oral = v > 0.5 && v < 0.56 && u > 0.36 && u < faceX + 0.02;
        var pharynx = u > 0.32 && u < 0.38 && v > 0.5;
        var nasal = v > 0.4 && v < 0.45 && u > 0.4 && u < faceX;
        return oral || pharynx || nasal;
    }
}
