using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Reports;
using MedVid.Phantoms;

namespace MedVid.Evaluation.Tests;

/// <summary>Phantom adherence per prompt: real phantoms read as asked, a video of another modality does not.</summary>
public sealed class PhantomAdherenceTests
{
    private static FrameSequence Render(PhantomSpec spec) => FrameSequence.FromRgbFrames(spec.Render().ToList(), spec.Fps);

    [Fact]
    public void Real_phantoms_follow_their_prompts_and_a_video_of_another_modality_is_counted_against_its_prompt()
    {
        var echo = new EchoPhantom(HeartRateBpm: 90, Seed: 3, Width: 64, Height: 64, Frames: 48);
        var cells = new MicroscopyPhantom(CellCount: 6, Divisions: 0, Seed: 4, Width: 64, Height: 64, Frames: 16);
        var echoPrompt = echo.Captions[0];
        VideoSample[] generated =
        [
            new("echo", Render(echo), echoPrompt),
            new("cells", Render(cells), cells.Captions[0]),
            new("wrong", Render(cells), echoPrompt), // asked for an echo, shows cells
            new("other", Render(cells), "A cataract surgery video."), // not a phantom prompt: left out
        ];

        var report = PhantomAdherence.Measure(generated);

        Assert.Equal(["echo", "cells", "wrong"], report.Videos.Select(v => v.Id));
        var echoes = report.Prompts.Single(p => p.Prompt == echoPrompt);
        Assert.Equal((2, 0.5), (echoes.Videos, echoes.ModalityAccuracy));
        Assert.Equal(("ultrasound", "cell"), (report.Videos[2].AskedModality, report.Videos[2].ReadModality));
        Assert.InRange(report.Videos[0].ReadBpm!.Value, 80, 100);
        Assert.Equal(6, report.Videos[1].ReadCells);
        var cellPrompt = report.Prompts.Single(p => p.Prompt == cells.Captions[0]);
        Assert.Equal((1.0, 0.0, (double?)null, (double?)null), (cellPrompt.ModalityAccuracy, cellPrompt.CellCountMae, cellPrompt.HeartRateMaeBpm, cellPrompt.PolypAccuracy));
        Assert.Equal((3, 2 / 3.0), (report.Overall!.Videos, report.Overall.ModalityAccuracy));
        Assert.Empty(PhantomAdherence.Measure([generated[3]]).Videos);
    }
}
