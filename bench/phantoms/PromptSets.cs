using MedVid.Phantoms;

namespace MedVid.PhantomsBench;

/// <summary>A video to make or score: the prompt and the phantom whose parameters it states (the target).</summary>
public sealed record PromptCase(string Prompt, PhantomSpec Target)
{
    public Modality Modality => Target.Modality;
}

/// <summary>
/// The training set and the held-out prompts. Training specs come from <see cref="PhantomCatalog.Random"/>, each
/// captioned with one of its own phrasings (drawn at random); a spec whose key parameter equals a held-out value is
/// drawn again, so held-out heart rates, cell counts, endoscopy speeds and articulator rates never occur in training.
/// Held-out prompts spread their values over the validated ranges and cycle through the phrasings; endoscopy
/// alternates polyp / no polyp, cells never divide (so every frame holds the stated count).
/// </summary>
public static class PromptSets
{
    public static readonly Modality[] Modalities = [Modality.Ultrasound, Modality.Endoscopy, Modality.Cells, Modality.RtMri];

    public static IReadOnlyList<PromptCase> HeldOut(int perModality, int size, int frames, double fps, int seed)
    {
        var cases = new List<PromptCase>();
        var specSeed = 1_000_000 + seed * 1000;
        for (var i = 0; i < perModality; i++)
        {
            var u = perModality == 1 ? 0.5 : i / (double)(perModality - 1);
            PhantomSpec[] specs =
            [
                new EchoPhantom(Math.Round(Lerp(55, 145, u)), specSeed++, size, size, frames, fps),
                new EndoscopyPhantom(Math.Round(Lerp(0.7, 1.7, u), 1), Polyp: i % 2 == 0, specSeed++, size, size, frames, fps),
                new MicroscopyPhantom((int)Math.Round(Lerp(3, 11, u)), 0, specSeed++, size, size, frames, fps),
                new MriPhantom(Math.Round(Lerp(0.8, Math.Min(2.4, 0.35 * fps), u), 1), specSeed++, size, size, frames, fps),
            ];
            foreach (var spec in specs)
                cases.Add(new PromptCase(spec.Captions[i % spec.Captions.Count], spec));
        }
        return [.. cases.OrderBy(c => Array.IndexOf(Modalities, c.Modality))];
    }

    /// <param name="valueGrid">
    /// Round each training clip's key value to a grid (<see cref="OnGrid"/>), so that every stated value is shared by several
    /// clips. With values drawn from a continuum, 96 echoes state about 96 different heart rates and a caption names its
    /// clip; the model can then learn captions as names instead of reading their numbers.
    /// </param>
    public static IReadOnlyList<PromptCase> Training(int perModality, int size, int frames, double fps, int seed, IReadOnlyList<PromptCase> heldOut,
        bool valueGrid = false)
    {
        var rng = new Random(seed);
        var held = heldOut.Select(c => KeyValue(c.Target)).ToHashSet();
        var cases = new List<PromptCase>();
        foreach (var modality in Modalities)
        {
            for (var i = 0; i < perModality; i++)
            {
                PhantomSpec spec;
                do
                {
                    spec = PhantomCatalog.Random(modality, rng, size, size, frames, fps);
                    if (valueGrid) spec = OnGrid(spec);
                }
                while (held.Contains(KeyValue(spec)));
                cases.Add(new PromptCase(spec.Captions[rng.Next(spec.Captions.Count)], spec));
            }
        }
        return cases;
    }

    /// <summary>
    /// The spec with its key value on the training grid: heart rate every 10 bpm, endoscopy speed every 0.2 radii/s,
    /// articulator rate every 0.2 Hz (cell counts are whole numbers already). The default held-out values (55, 85, 115,
    /// 145 bpm) fall between grid points; one that falls on a point removes that point from training.
    /// </summary>
    public static PhantomSpec OnGrid(PhantomSpec spec) => spec switch
    {
        EchoPhantom e => e with { HeartRateBpm = Snap(e.HeartRateBpm, 10) },
        EndoscopyPhantom e => e with { SpeedPerSecond = Snap(e.SpeedPerSecond, 0.2) },
        MriPhantom m => m with { ArticulatorHz = Snap(m.ArticulatorHz, 0.2) },
        _ => spec,
    };

    private static double Snap(double value, double step) => Math.Round(Math.Round(value / step) * step, 6);

    /// <summary>The parameter a held-out prompt must not share with any training clip.</summary>
    public static (Modality, double) KeyValue(PhantomSpec spec) => spec switch
    {
        EchoPhantom e => (spec.Modality, e.HeartRateBpm),
        EndoscopyPhantom e => (spec.Modality, e.SpeedPerSecond),
        MicroscopyPhantom m => (spec.Modality, m.CellCount),
        MriPhantom m => (spec.Modality, m.ArticulatorHz),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>
    /// The case with an absent polyp described without the word "polyp" ("healthy mucosa" instead of "no polyp"), for the
    /// negation ablation (bench <c>--unnamed-absence 1</c>): the catalog's captions name the polyp in both cases, so a text
    /// encoder trained from scratch may read the shared word and miss the negation. Other cases are returned as they are.
    /// </summary>
    public static PromptCase WithUnnamedAbsence(PromptCase c)
    {
        if (c.Target is not EndoscopyPhantom { Polyp: false }) return c;
        var prompt = c.Prompt;
        foreach (var (named, unnamed) in UnnamedAbsences) prompt = prompt.Replace(named, unnamed, StringComparison.Ordinal);
        return prompt.Contains("polyp", StringComparison.OrdinalIgnoreCase)
            ? throw new InvalidOperationException($"no unnamed wording for the endoscopy caption \"{c.Prompt}\"")
            : c with { Prompt = prompt };
    }

    private static readonly (string Named, string Unnamed)[] UnnamedAbsences =
    [
        ("the mucosa is normal with no polyp", "the mucosa is normal and smooth"),
        ("through healthy mucosa without polyps", "through healthy smooth mucosa"),
        ("; no polyp.", "; healthy mucosa."),
    ];

    private static double Lerp(double a, double b, double u) => a + (b - a) * u;
}
