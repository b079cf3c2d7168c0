using System.Text;
using MedVid.Curation.Manifest;

namespace MedVid.Curation.Tests;

public sealed class ManifestTests
{
    private static ManifestClip Sample(int i, DatasetSplit split) => new(
        $"src{i}/000000-000250",
        $"datasets/d1/v1/clips/src{i}-000000.mp4",
        $"src{i}",
        0,
        10.0,
        ["This is a endoscopy video.", "A caption with \"quotes\" and ünïcode."],
        new Dictionary<string, string> { ["phase"] = "capsulorhexis" },
        "endoscopy",
        new Dictionary<string, double> { ["quality.sharpness"] = 123.5, ["dynamics.keyframes"] = 4 },
        split,
        256,
        256,
        25,
        49,
        0);

    [Fact]
    public async Task Manifest_round_trips_through_json_lines()
    {
        var clips = new[] { Sample(1, DatasetSplit.Train), Sample(2, DatasetSplit.Test) };
        using var stream = new MemoryStream();
        await DatasetManifest.WriteAsync(stream, clips);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"clipBlob\":\"datasets/d1/v1/clips/src1-000000.mp4\"", text);
        Assert.Contains("\"split\":\"test\"", text);

        stream.Position = 0;
        var read = await DatasetManifest.ReadAllAsync(stream);

        Assert.Equal(2, read.Count);
        for (int i = 0; i < 2; i++)
        {
            var (expected, actual) = (clips[i], read[i]);
            Assert.Equal((expected.ClipId, expected.ClipBlob, expected.SourceId, expected.StartSeconds, expected.EndSeconds, expected.Modality, expected.Split),
                (actual.ClipId, actual.ClipBlob, actual.SourceId, actual.StartSeconds, actual.EndSeconds, actual.Modality, actual.Split));
            Assert.Equal((expected.Width, expected.Height, expected.Fps, expected.FrameCount, expected.PaddingFrames),
                (actual.Width, actual.Height, actual.Fps, actual.FrameCount, actual.PaddingFrames));
            Assert.Equal(expected.Captions, actual.Captions);
            Assert.Equal(expected.Labels, actual.Labels);
            Assert.Equal(expected.Metrics, actual.Metrics);
        }
    }

    [Fact]
    public async Task A_bad_line_is_reported_with_its_number()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"clipId\":\"a\"}\nnot json\n"));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DatasetManifest.ReadAllAsync(stream));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public async Task A_version_folder_is_never_overwritten()
    {
        var folder = Directory.CreateTempSubdirectory("medvid-manifest-test-").FullName;
        try
        {
            var result = await PipelineFixture.RunAsync(PipelineFixture.Config(), sources: 3);
            var manifest = result.ToManifest(c => $"clips/{c.Id}.mp4");

            var digest = await DatasetManifest.WriteVersionAsync(folder, result, manifest);

            Assert.StartsWith("sha256:", digest);
            Assert.True(File.Exists(Path.Combine(folder, DatasetManifest.StatisticsFileName)));
            await using (var stream = File.OpenRead(Path.Combine(folder, DatasetManifest.StatisticsFileName)))
            {
                var statistics = await DatasetManifest.ReadStatisticsAsync(stream);
                Assert.Equal(result.Statistics.ClipCount, statistics.ClipCount);
                Assert.Equal(result.Statistics.ClipLengthSeconds.Bins, statistics.ClipLengthSeconds.Bins);
            }
            await Assert.ThrowsAsync<IOException>(() => DatasetManifest.WriteVersionAsync(folder, result, manifest));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
