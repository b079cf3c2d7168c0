using MedVid.Grains.Evaluations;

namespace MedVid.Grains.UnitTests.Evaluations;

public sealed class EvaluationCsvTests
{
    private static EvaluationView View(long step, RunStatus status, EvaluateResult? result) => new(
        Guid.NewGuid(), Guid.NewGuid(), new EvaluationSpec(Guid.NewGuid(), Guid.NewGuid(), 2), Guid.NewGuid(), Guid.NewGuid(), step, status,
        Guid.NewGuid(), 1, result, null, TestClock.Now, null);

    [Fact]
    public void Each_evaluation_is_a_row_with_every_metric_generated_and_real_and_unfinished_ones_are_empty()
    {
        var done = View(500, RunStatus.Succeeded, new EvaluateResult(
            new Dictionary<string, double> { ["sharpness"] = 216.5, ["flicker_mad"] = 1.25 }, new Dictionary<string, double> { ["sharpness"] = 9874, ["flicker_mad"] = 6 },
            4, 16, 96, 0.125, "pixel-statistics-v1", 0, 3.5, "thumbnails-8x16x16-v1", "teams/x/evaluations/y/report.json", 2.5, "label-mlp-h16-v1/modality@d", null, 41.5, "i3d-kinetics400-logits@sha256:abc"));
        var running = View(1000, RunStatus.Running, null);

        var lines = EvaluationCsv.Write([done, running]).Split("\r\n");

        Assert.Equal([.. EvaluationCsv.FixedColumns, "sharpness_generated", "sharpness_real", "flicker_mad_generated", "flicker_mad_real"], lines[0].Split(','));
        var row = lines[1].Split(',');
        Assert.Equal((done.Id.ToString(), "500", "Succeeded", "2", "test"), (row[0], row[2], row[4], row[7], row[8]));
        Assert.Equal(["4", "16", "96", "0.125", "pixel-statistics-v1", "2.5", "label-mlp-h16-v1/modality@d", "41.5", "i3d-kinetics400-logits@sha256:abc", "0", "216.5", "9874", "1.25", "6"], row[9..]);
        Assert.Equal(["1000", "Running"], [lines[2].Split(',')[2], lines[2].Split(',')[4]]);
        Assert.All(lines[2].Split(',')[9..], cell => Assert.Equal("", cell));
        Assert.Equal("", lines[3]); // the table ends with a line break
    }
}
