using System.Text.Json;
using MedVid.Compute.Training;
using MedVid.Phantoms;
using MedVid.Training.Generation;
using MedVid.Training.Runs;

namespace MedVid.Compute.UnitTests.Training;

/// <summary>The phantom read-out of a checkpoint's samples: real phantoms stand in for samples that follow their prompt.</summary>
public sealed class SampleReadoutTests() : TempFolderTest("medvid-readout-")
{
    [Fact]
    public async Task Samples_showing_the_modality_they_ask_for_are_read_as_prompted_and_endoscopy_and_cells_told_apart()
    {
        var samples = new[]
        {
            await SampleAsync(0, new EndoscopyPhantom(1.0, Polyp: false, Seed: 3, Width: 64, Height: 64, Frames: 16), "endoscopy"),
            await SampleAsync(1, new MicroscopyPhantom(6, 0, Seed: 4, Width: 64, Height: 64, Frames: 16), "cell"),
        };

        var readout = await SampleReadout.ReadAsync(samples, CancellationToken.None);

        Assert.Equal([("endoscopy", "endoscopy"), ("cell", "cell")], readout.Samples);
        Assert.Equal(1.0, readout.Metrics()["samples_read_as_prompted"]);
        Assert.Equal(1.0, readout.Metrics()["sample_read_as_prompted_cell"]);
        Assert.EndsWith("(2 of 2 as prompted); endoscopy and microscopy samples told apart", readout.Describe());
    }

    [Fact]
    public async Task A_sample_showing_another_modality_is_not_read_as_prompted_and_samples_without_a_modality_are_skipped()
    {
        var samples = new[]
        {
            await SampleAsync(0, new EndoscopyPhantom(1.0, Polyp: false, Seed: 3, Width: 64, Height: 64, Frames: 16), "cell"),
            await SampleAsync(1, new EndoscopyPhantom(1.2, Polyp: true, Seed: 5, Width: 64, Height: 64, Frames: 16), "endoscopy"),
            await SampleAsync(2, new MicroscopyPhantom(6, 0, Seed: 4, Width: 64, Height: 64, Frames: 16), null),
        };

        var readout = await SampleReadout.ReadAsync(samples, CancellationToken.None);

        Assert.Equal([("cell", "endoscopy"), ("endoscopy", "endoscopy")], readout.Samples);
        Assert.Equal(0.5, readout.ReadAsPrompted);
        Assert.EndsWith("endoscopy and microscopy samples not told apart", readout.Describe());
    }

    private async Task<string> SampleAsync(int index, PhantomSpec phantom, string? asked)
    {
        var mp4 = Path.Combine(Root, $"sample-{index}.mp4");
        await PhantomRenderer.RenderMp4Async(phantom, mp4);
        var provenance = new SampleProvenance(new VideoRequest("a prompt", 1000 + index, "ddim", 20, 3, 0, "leading", 16, 64, 64), 600, asked);
        await File.WriteAllTextAsync(Path.ChangeExtension(mp4, ".json"), JsonSerializer.Serialize(provenance));
        return mp4;
    }
}
