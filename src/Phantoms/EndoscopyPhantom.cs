using MedVid.Phantoms.Rendering;
using MedVid.Video;

namespace MedVid.Phantoms;

/// <summary>
/// Endoscopy: the camera looks down a tubular lumen (unit radius) and moves forward at
/// <paramref name="SpeedPerSecond"/> lumen radii per second. The mucosa (reddish, with vessels
/// and circular folds) streams outward from the dark lumen centre; an optional pale polyp sits on the wall.
/// </summary>
/// <remarks>
/// Projection convention shared with the speed estimator: a wall point at depth z (in lumen radii)
/// appears at radius R/z from the lumen centre, where R is half the shorter image side.
/// </remarks>
public sealed record EndoscopyPhantom(
    double SpeedPerSecond,
    bool Polyp,
    int Seed = 0,
    int Width = 128,
    int Height = 128,
    int Frames = 48,
    double Fps = 12)
    : PhantomSpec(Seed, Width, Height, Frames, Fps)
{
    /// <summary>Polyp colour: paler and yellower than mucosa (green/red about 0.72 against 0.45), the cue the detector uses.</summary>
    internal static readonly (double R, double G, double B) PolypColour = (225, 162, 140);
    internal static readonly (double R, double G, double B) MucosaColour = (205, 92, 82);

    public override Modality Modality => Modality.Endoscopy;

    public override IReadOnlyList<string> Captions
    {
        get
        {
            var speed = Format(SpeedPerSecond, "0.0");
            var finding = Polyp ? "a polyp is visible on the wall" : "the mucosa is normal with no polyp";
            return
            [
                $"An endoscopy video advancing through the lumen at {speed} lumen radii per second; {finding}.",
                Polyp
                    ? $"Colonoscopy moving forward at {speed} radii/s past a pale sessile polyp."
                    : $"Colonoscopy moving forward at {speed} radii/s through healthy mucosa without polyps.",
                $"Endoscopic view of reddish mucosa with vessels and folds streaming outward as the scope advances ({speed} radii per second); {(Polyp ? "polyp present" : "no polyp")}.",
            ];
        }
    }

    public override Dictionary<string, string> Labels
    {
        get
        {
            var labels = base.Labels;
            labels["speed_radii_per_second"] = Format(SpeedPerSecond);
            labels["polyp"] = Polyp ? "true" : "false";
            return labels;
        }
    }

    protected override void Validate()
    {
        base.Validate();
        if (!(SpeedPerSecond >= 0 && SpeedPerSecond <= 4))
            throw new ArgumentOutOfRangeException(nameof(SpeedPerSecond), SpeedPerSecond, "speed must be 0..4 lumen radii per second");
    }

    protected override IEnumerable<RgbFrame> RenderFrames()
    {
        var random = new PhantomRandom(Seed, stream: 3);
        // Texture lattice: 24 cells around the circumference, one cell per 0.3 radii along the lumen.
        var mucosa = new ValueNoise(random, 24, 256);
        var vessels = new ValueNoise(random, 40, 512);
        var folds = FoldDepths(random);
        var scale = Math.Min(Width, Height) / 2.0;
        var centreX = Width / 2.0 + random.Range(-0.1, 0.1) * Width;
        var centreY = Height / 2.0 + random.Range(-0.1, 0.1) * Height;
        var duration = Frames / Fps;
        // Place the polyp so it is closest to mid-range depth halfway through the clip.
        var polypAngle = random.Range(-Math.PI, Math.PI);
        var polypWorld = 1.7 + SpeedPerSecond * duration / 2;
        const double polypRadius = 0.32;

        for (var f = 0; f < Frames; f++)
        {
            var travelled = SpeedPerSecond * TimeOf(f);
            var canvas = new Canvas(Width, Height);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    var dx = x + 0.5 - centreX;
                    var dy = y + 0.5 - centreY;
                    var r = Math.Max(0.5, Math.Sqrt(dx * dx + dy * dy));
                    var depth = scale / r;
                    var angle = Math.Atan2(dy, dx);
                    var world = depth + travelled;
                    // The endoscope's light falls off with distance; far wall fades into the dark lumen.
                    var light = Math.Min(1.0, 1.3 / (0.35 + 0.55 * depth * depth));
                    var u = (angle + Math.PI) / (2 * Math.PI);

                    var shade = 0.75 + 0.35 * mucosa.Fractal(u * 24, world / 0.3) + FoldShade(folds, world);
                    var vessel = Math.Abs(vessels.Sample(u * 40, world / 0.18) - 0.5) < 0.04 ? 0.75 : 1.0;
                    var (cr, cg, cb) = MucosaColour;
                    (cr, cg, cb) = (cr * shade, cg * shade * vessel, cb * shade * vessel);

                    if (Polyp)
                    {
                        // Distance on the unrolled wall (arc length and depth, both in lumen radii).
                        var arc = WrapAngle(angle - polypAngle);
                        var along = world - polypWorld;
                        var d = Math.Sqrt(arc * arc + along * along) / polypRadius;
                        if (d < 1)
                        {
                            // Dome shading: brighter at the top, with a small specular highlight.
                            var dome = 0.8 + 0.25 * Math.Sqrt(1 - d * d) + (d < 0.25 ? 0.15 : 0);
                            (cr, cg, cb) = (PolypColour.R * dome, PolypColour.G * dome, PolypColour.B * dome);
                        }
                    }
                    canvas.Set(x, y, cr * light + 2 * random.Gaussian(), cg * light + 2 * random.Gaussian(), cb * light + 2 * random.Gaussian());
                }
            }
            yield return canvas.ToFrame();
        }
    }

    /// <summary>Circular folds at irregular spacing (regular rings would make the motion ambiguous).</summary>
    private static double[] FoldDepths(PhantomRandom random)
    {
        var depths = new List<double>();
        for (var z = random.Range(0, 0.5); z < 40; z += random.Range(0.5, 1.1))
            depths.Add(z);
        return [.. depths];
    }

    private static double FoldShade(double[] folds, double world)
    {
        var shade = 0.0;
        foreach (var fold in folds)
        {
            var d = world - fold;
            if (Math.Abs(d) < 0.3)
                shade += 0.18 * Math.Exp(-d * d / 0.004) - 0.12 * Math.Exp(-Math.Pow(d - 0.1, 2) / 0.004);
        }
        return shade;
    }

    private static double WrapAngle(double a) => Math.IEEERemainder(a, 2 * Math.PI);
}
