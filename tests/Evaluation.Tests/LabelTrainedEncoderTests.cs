using MedVid.Evaluation.Distribution;
using MedVid.Evaluation.Features;
using MedVid.Evaluation.Frames;
using MedVid.Evaluation.Reports;
using MedVid.Phantoms;

namespace MedVid.Evaluation.Tests;

/// <summary>The encoder trained on a dataset's own labels, and the learned Fréchet distance of an evaluation.</summary>
public sealed class LabelTrainedEncoderTests
{
    private static FrameSequence Phantom(Modality modality, int seed) =>
        FrameSequence.FromRgbFrames(PhantomCatalog.Random(modality, new Random(seed), 32, 32, 8, 12).Render().ToList(), 12);

    private static List<VideoSample> Clips(Modality modality, int count, int seed0) =>
        [.. Enumerable.Range(0, count).Select(i => new VideoSample($"{modality}-{seed0 + i}", Phantom(modality, seed0 + i), Label: modality.ToString()))];

    [Fact]
    public void It_separates_the_labels_it_was_trained_on_and_is_the_same_when_trained_again()
    {
        var training = Clips(Modality.Ultrasound, 6, 1).Concat(Clips(Modality.Endoscopy, 6, 20)).Select(c => (c.Video, c.Label!)).ToList();
        var (encoder, reason) = LabelTrainedEncoder.Train(new PixelStatisticsEncoder(), training, "modality", "six of each");
        Assert.Null(reason);
        Assert.Equal("label-mlp-h16-v1/modality@six of each", encoder!.Name);
        Assert.Equal(["Endoscopy", "Ultrasound"], encoder.Classes);
        Assert.Equal(1.0, encoder.TrainingAccuracy);
        Assert.Equal(LabelTrainedEncoder.Hidden, encoder.Encode(training[0].Video).Length);

        var again = LabelTrainedEncoder.Train(new PixelStatisticsEncoder(), training, "modality", "six of each").Encoder!;
        var fresh = Phantom(Modality.Ultrasound, 99);
        Assert.Equal(encoder.Encode(fresh), again.Encode(fresh));

        // New clips: one modality against itself is close, against the other far, in the learned space.
        var echoes = Clips(Modality.Ultrasound, 5, 40).Select(c => encoder.Encode(c.Video)).ToList();
        var moreEchoes = Clips(Modality.Ultrasound, 5, 60).Select(c => encoder.Encode(c.Video)).ToList();
        var endoscopy = Clips(Modality.Endoscopy, 5, 80).Select(c => encoder.Encode(c.Video)).ToList();
        var same = FrechetDistance.Compute(echoes, moreEchoes, encoder.Name).Squared;
        var other = FrechetDistance.Compute(echoes, endoscopy, encoder.Name).Squared;
        Assert.True(other > 10 * same, $"learned Fréchet: same modality {same}, other modality {other}");
    }

    [Fact]
    public void Without_two_labels_of_two_clips_each_nothing_is_trained_and_the_reason_is_given()
    {
        var one = Clips(Modality.Ultrasound, 3, 1).Select(c => (c.Video, c.Label!)).ToList();
        Assert.Equal("the training clips have 1 'modality' label(s); a learned encoder needs two or more",
            LabelTrainedEncoder.Train(new PixelStatisticsEncoder(), one, "modality", "x").Reason);
        var lonely = one.Append((Phantom(Modality.Cells, 5), "Cells")).ToList();
        Assert.Equal("'modality' = 'Cells' has a single training clip; a learned encoder needs two or more per label",
            LabelTrainedEncoder.Train(new PixelStatisticsEncoder(), lonely, "modality", "x").Reason);
    }

    [Fact]
    public void An_evaluation_reports_the_learned_distance_which_grows_when_the_generated_videos_are_of_the_wrong_class()
    {
        var training = Clips(Modality.Ultrasound, 4, 1).Concat(Clips(Modality.Endoscopy, 4, 20)).ToList();
        var reference = Clips(Modality.Ultrasound, 4, 40);
        var right = Clips(Modality.Ultrasound, 4, 60);
        var wrong = Clips(Modality.Endoscopy, 4, 80);

        var good = VideoSetEvaluation.Evaluate(right, reference, training, "modality", "dataset d v1");
        var bad = VideoSetEvaluation.Evaluate(wrong, reference, training, "modality", "dataset d v1");

        Assert.Equal("label-mlp-h16-v1/modality@dataset d v1", good.LearnedEncoder);
        Assert.True(bad.LearnedFrechetDistance > 5 * good.LearnedFrechetDistance, $"learned Fréchet: right {good.LearnedFrechetDistance}, wrong {bad.LearnedFrechetDistance}");
        var unlabelled = VideoSetEvaluation.Evaluate(right, reference, [.. training.Select(t => t with { Label = null })]);
        Assert.Null(unlabelled.LearnedFrechetDistance);
        Assert.StartsWith("none: the training clips have 0 'modality' label(s)", unlabelled.LearnedEncoder);
    }
}
