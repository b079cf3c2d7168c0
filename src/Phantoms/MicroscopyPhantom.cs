using MedVid.Phantoms.Rendering;
using MedVid.Video;

namespace MedVid.Phantoms;

/// <summary>
/// Phase-contrast cell microscopy: <paramref name="CellCount"/> dark cells with bright halos drift on
/// a light background; <paramref name="Divisions"/> of them divide during the clip, so the last frame
/// shows CellCount + Divisions cells. Divisions finish by three quarters of the clip.
/// </summary>
public sealed record MicroscopyPhantom(
    int CellCount,
    int Divisions = 0,
    int Seed = 0,
    int Width = 128,
    int Height = 128,
    int Frames = 48,
    double Fps = 12)
    : PhantomSpec(Seed, Width, Height, Frames, Fps)
{
    public const int MaxCells = 16;

    public override Modality Modality => Modality.Cells;

    public int FinalCellCount => CellCount + Divisions;

    public override IReadOnlyList<string> Captions
    {
        get
        {
            var dividing = Divisions switch
            {
                0 => "none of them dividing",
                1 => "one of them dividing",
                _ => $"{Divisions} of them dividing",
            };
            return
            [
                $"A microscopy video of {CellCount} cells drifting, {dividing}.",
                $"Phase-contrast time-lapse: {CellCount} cells move slowly across the field; {Divisions} cell division{(Divisions == 1 ? "" : "s")}, ending with {FinalCellCount} cells.",
                $"Cell culture under the microscope with {CellCount} round cells{(Divisions > 0 ? $", {Divisions} undergoing mitosis" : " and no mitosis")}.",
            ];
        }
    }

    public override Dictionary<string, string> Labels
    {
        get
        {
            var labels = base.Labels;
            labels["cell_count"] = Format(CellCount);
            labels["divisions"] = Format(Divisions);
            labels["final_cell_count"] = Format(FinalCellCount);
            return labels;
        }
    }

    protected override void Validate()
    {
        base.Validate();
        if (CellCount is < 0 or > MaxCells)
            throw new ArgumentOutOfRangeException(nameof(CellCount), CellCount, $"cell count must be 0..{MaxCells}");
        if (Divisions < 0 || Divisions > CellCount || FinalCellCount > MaxCells + 4)
            throw new ArgumentOutOfRangeException(nameof(Divisions), Divisions, "divisions must be 0..CellCount");
    }

    protected override IEnumerable<RgbFrame> RenderFrames()
    {
        var random = new PhantomRandom(Seed, stream: 4);
        var radius = Math.Max(3.0, 0.045 * Math.Min(Width, Height));
        var culture = new CellCulture(random, Width, Height, radius, CellCount, Divisions, Frames, Fps);
        var illumination = new ValueNoise(random, 8, 8);

        for (var f = 0; f < Frames; f++)
        {
            var bodies = culture.Step(f);
            var canvas = new Canvas(Width, Height);
            for (var y = 0; y < Height; y++)
            {
                for (var x = 0; x < Width; x++)
                {
                    // Uneven illumination across the field, as from a slightly off-centre lamp.
                    var value = 165 + 14 * (illumination.Sample(x * 3.0 / Width, y * 3.0 / Height) - 0.5);
                    foreach (var body in bodies)
                        value += body.Contribution(x + 0.5, y + 0.5);
                    canvas.SetGray(x, y, value + 3 * random.Gaussian());
                }
            }
            yield return canvas.ToFrame();
        }
    }
}
