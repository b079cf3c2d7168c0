using MedVid.Curation.Manifest;
using MedVid.Curation.Rendering;

namespace MedVid.Curation.Tests;

/// <summary>End to end through ffmpeg: an MP4 with one hard cut becomes two 128x128 clip MP4s and a dataset version.</summary>
public sealed class VideoCurationRunnerTests
{
    [Fact]
    public async Task Runner_cuts_renders_and_writes_a_version()
    {
        var work = Directory.CreateTempSubdirectory("medvid-curation-run-").FullName;
        try
        {
            var sourcePath = Path.Combine(work, "source.mp4");
            var frames = Enumerable.Repeat(SyntheticFrames.Blocks(320, 240, 3, seed: 1), 30)
                .Concat(Enumerable.Repeat(SyntheticFrames.Blocks(320, 240, 3, seed: 2), 30));
            await VideoEncoder.EncodeAsync(frames, 10, sourcePath);

            var config = new CurationConfig
            {
                Resolution = new ResolutionFilterConfig { MinWidth = 320, MinHeight = 240 },
                Dynamics = new DynamicsFilterConfig { MinKeyframes = 1 },
                Output = new OutputShapeConfig { Width = 128, Height = 128, FrameCount = 16 },
            };
            var runner = new VideoCurationRunner(config, new PipelineFixture.NoText());
            var source = new VideoSourceFile(sourcePath, new CurationSource("case-17", "endoscopy", 0, 0) { Title = "Synthetic case" });
            var output = Path.Combine(work, "version");

            var run = await runner.RunAsync([source], output);

            Assert.Equal(2, run.Manifest.Count);
            Assert.Equal([0.0, 3.0], run.Manifest.Select(m => Math.Round(m.StartSeconds, 1)));
            Assert.All(run.Result.Clips, c => Assert.Equal((320, 240), (c.Source.Width, c.Source.Height)));
            foreach (var clip in run.Manifest)
            {
                var info = await VideoProbe.ProbeAsync(Path.Combine(output, clip.ClipBlob));
                Assert.Equal((128, 128), (info.Width, info.Height));
                Assert.Equal(16, clip.FrameCount);
                Assert.InRange(info.FrameCount, 15, 16);
            }
            await using var manifest = File.OpenRead(Path.Combine(output, DatasetManifest.ManifestFileName));
            Assert.Equal(run.Manifest.Select(m => m.ClipBlob), (await DatasetManifest.ReadAllAsync(manifest)).Select(m => m.ClipBlob));
            Assert.StartsWith("sha256:", run.Digest);
            await Assert.ThrowsAsync<IOException>(() => runner.RunAsync([source], output));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void Clip_file_names_are_portable()
    {
        Assert.Equal("case_17_000000-000030", VideoCurationRunner.FileNameOf("case 17/000000-000030"));
    }
}
