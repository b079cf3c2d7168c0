using MedVid.Phantoms.Rendering;
using MedVid.Video;

namespace MedVid.Phantoms;

/// <summary>
/// Echocardiography: a grayscale sector scan (apex at the top) with speckle, showing a left
/// ventricle whose cavity contracts and relaxes sinusoidally at <paramref name="HeartRateBpm"/>.
/// </summary>
public sealed record EchoPhantom(
    double HeartRateBpm,
    int Seed = 0,
    int Width = 128,
    int Height = 128,
    int Frames = 48,
    double Fps = 12,
    double EjectionFraction = 0.55)
    : PhantomSpec(Seed, Width, Height, Frames, Fps)
{
    public override Modality Modality => Modality.Ultrasound;

    public double HeartRateHz => HeartRateBpm / 60.0;

    public override IReadOnlyList<string> Captions =>
    [
        $"An echocardiography video of a left ventricle beating at {Format(HeartRateBpm, "0")} bpm.",
        $"Cardiac ultrasound, apical view: the heart beats at {Format(HeartRateBpm, "0")} beats per minute.",
        $"A sector-scan ultrasound of the heart with speckle; the ventricle contracts {Format(HeartRateBpm, "0")} times a minute, ejection fraction about {Format(EjectionFraction * 100, "0")}%.",
        $"Echocardiogram showing a heart rate of {Format(HeartRateBpm, "0")} bpm.",
    ];

    public override Dictionary<string, string> Labels
    {
        get
        {
            var labels = base.Labels;
            labels["heart_rate_bpm"] = Format(HeartRateBpm);
            labels["ejection_fraction"] = Format(EjectionFraction);
            return labels;
        }
    }

    protected override void Validate()
    {
        base.Validate();
        if (!(HeartRateBpm >= 20 && HeartRateBpm <= 300))
            throw new ArgumentOutOfRangeException(nameof(HeartRateBpm), HeartRateBpm, "heart rate must be 20..300 bpm");
        if (!(EjectionFraction > 0.1 && EjectionFraction < 0.8))
            throw new ArgumentOutOfRangeException(nameof(EjectionFraction), EjectionFraction, "ejection fraction must be 0.1..0.8");
    }

    protected override IEnumerable<RgbFrame> RenderFrames()
    {
        var random = new PhantomRandom(Seed, stream: 1);
        var scale = Math.Min(Width, Height);
        var geometry = new SectorGeometry(Width, Height, halfAngle: random.Range(32, 40) * Math.PI / 180);
        var chamberX = Width * (0.5 + random.Range(-0.04, 0.04));
        var chamberY = Height * random.Range(0.5, 0.56);
        var radiusX = scale * random.Range(0.13, 0.16);
        var radiusY = scale * random.Range(0.22, 0.26);
        var wall = scale * 0.06;
        var phase = random.Range(0, 2 * Math.PI);
        // Area scales with the square of the linear size, so this linear shortening gives the stated ejection fraction.
        var shortening = 1 - Math.Sqrt(1 - EjectionFraction);
        var speckle = Speckle(random, Width, Height);

        for (var f = 0; f < Frames; f++)
        {
            var contraction = 0.5 - 0.5 * Math.Cos(2 * Math.PI * HeartRateHz * TimeOf(f) + phase);
            var size = 1 - shortening * contraction;
            var (rx, ry) = (radiusX * size, radiusY * size);
            // The myocardium keeps its mass, so it thickens as the cavity shrinks.
            var thickness = wall * (1 + 0.6 * contraction);
            var canvas = new Canvas(Width, Height);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    if (!geometry.Contains(x, y, out var depth))
                    {
                        canvas.SetGray(x, y, 0);
                        continue;
                    }
                    var dx = (x - chamberX) / rx;
                    var dy = (y - chamberY) / ry;
                    var distance = Math.Sqrt(dx * dx + dy * dy);
                    var edge = (distance - 1) * Math.Min(rx, ry);
                    double echo = edge < 0 ? 12 : edge < thickness ? 150 : 70;
                    // Frame-to-frame speckle decorrelation: mostly the fixed tissue pattern, partly new.
                    var grain = 0.75 * speckle[y * Width + x] + 0.25 * -Math.Log(1 - random.NextDouble());
                    var gain = 1.15 - 0.45 * depth;
                    canvas.SetGray(x, y, echo * grain * gain);
                }
            }
            yield return canvas.ToFrame();
        }
    }

    /// <summary>Fully developed speckle: exponentially distributed intensity with mean 1.</summary>
    private static double[] Speckle(PhantomRandom random, int width, int height)
    {
        var values = new double[width * height];
        for (var i = 0; i < values.Length; i++)
            values[i] = -Math.Log(1 - random.NextDouble());
        return values;
    }

    /// <summary>The fan of a phased-array probe: apex just above the top edge, a given half-angle, depth to near the bottom.</summary>
    private sealed class SectorGeometry(int width, int height, double halfAngle)
    {
        private readonly double _apexX = width / 2.0;
        private readonly double _apexY = -0.03 * height;
        private readonly double _radius = 0.98 * height;

        /// <summary>True inside the fan; <paramref name="depth"/> is 0 at the apex and 1 at the far arc.</summary>
        public bool Contains(int x, int y, out double depth)
        {
            var dx = x - _apexX;
            var dy = y - _apexY;
            var r = Math.Sqrt(dx * dx + dy * dy);
            depth = r / _radius;
            return r <= _radius && r > 0.04 * height && Math.Abs(Math.Atan2(dx, dy)) <= halfAngle;
        }
    }
}
