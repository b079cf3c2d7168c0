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

    public static IReadOnlyList<PromptCase> Training(int perModality, int size, int frames, double fps, int seed, IReadOnlyList<PromptCase> heldOut)
    {
        var rng = new Random(seed);
        var held = heldOut.Select(c => KeyValue(c.Target)).ToHashSet();
        var cases = new List<PromptCase>();
        foreach (var modality in Modalities)
        {
            for (var i = 0; i < perModality; i++)
            {
                PhantomSpec spec;
                do spec = PhantomCatalog.Random(modality, rng, size, size, frames, fps);
                while (held.Contains(KeyValue(spec)));
                cases.Add(new PromptCase(spec.Captions[rng.Next(spec.Captions.Count)], spec));
            }
        }
        return cases;
    }

    /// <summary>The parameter a held-out prompt must not share with any training clip.</summary>
    public static (Modality, double) KeyValue(PhantomSpec spec) => spec switch
    {
        EchoPhantom e => (spec.Modality, e.HeartRateBpm),
        EndoscopyPhantom e => (spec.Modality, e.SpeedPerSecond),
        MicroscopyPhantom m => (spec.Modality, m.CellCount),
        MriPhantom m => (spec.Modality, m.ArticulatorHz),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    private static double Lerp(double a, double b, double u) => a + (b - a) * u;
}
