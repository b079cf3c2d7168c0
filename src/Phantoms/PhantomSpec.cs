using System.Globalization;
using MedVid.Video;

namespace MedVid.Phantoms;

/// <summary>
/// The parameters of one synthetic video. Rendering is a pure function of these values: the same
/// spec (seed included) always gives the same pixels, so a phantom can be regenerated instead of stored,
/// and its parameters are the ground truth the estimators are checked against.
/// </summary>
public abstract record PhantomSpec(int Seed, int Width, int Height, int Frames, double Fps)
{
    public abstract Modality Modality { get; }

    public TimeSpan Duration => TimeSpan.FromSeconds(Frames / Fps);

    /// <summary>Descriptions of this video in several phrasings, each stating its parameters.</summary>
    public abstract IReadOnlyList<string> Captions { get; }

    /// <summary>Bora's modality-only caption ("This is a ultrasound video.") for the modal-alignment stage.</summary>
    public string ModalityCaption => Modality.BoraCaption();

    /// <summary>Ground-truth labels as strings (invariant culture), for manifests and evaluation.</summary>
    public virtual Dictionary<string, string> Labels => new()
    {
        ["modality"] = Modality.BoraName(),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["width"] = Width.ToString(CultureInfo.InvariantCulture),
        ["height"] = Height.ToString(CultureInfo.InvariantCulture),
        ["frames"] = Frames.ToString(CultureInfo.InvariantCulture),
        ["fps"] = Format(Fps),
    };

    /// <summary>Renders every frame; deterministic for the spec.</summary>
    public IEnumerable<RgbFrame> Render()
    {
        Validate();
        return RenderFrames();
    }

    protected abstract IEnumerable<RgbFrame> RenderFrames();

    protected virtual void Validate()
    {
        if (Width < 32 || Height < 32 || Width > 1024 || Height > 1024)
            throw new ArgumentOutOfRangeException(nameof(Width), $"phantom size must be 32..1024 per side; got {Width}x{Height}");
        if (Frames < 2)
            throw new ArgumentOutOfRangeException(nameof(Frames), Frames, "a phantom video needs at least 2 frames");
        if (!(Fps > 0 && Fps <= 120))
            throw new ArgumentOutOfRangeException(nameof(Fps), Fps, "fps must be in (0, 120]");
    }

    /// <summary>Seconds at frame <paramref name="index"/>.</summary>
    protected double TimeOf(int index) => index / Fps;

    protected static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    protected static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
