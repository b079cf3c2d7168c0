using MedVid.Training.Data;
using MedVid.Training.Runs;

namespace MedVid.Training.Tests;

/// <summary>What a checkpoint samples: two captions, or one per modality for the phantom read-out.</summary>
public sealed class SamplePromptTests
{
    private static readonly TrainingClip[] Clips =
    [
        new("a", "a.mp4", "This is a endoscopy video.", "endoscopy", 8, 8),
        new("b", "b.mp4", "An endoscopy with a polyp.", "endoscopy", 8, 8),
        new("c", "c.mp4", "This is a cell video.", "cell", 8, 8),
        new("d", "d.mp4", "This is a ultrasound video.", "ultrasound", 8, 8),
    ];

    [Fact]
    public void Without_a_readout_the_first_two_distinct_captions_are_sampled() =>
        Assert.Equal([new SamplePrompt("This is a endoscopy video.", null), new SamplePrompt("An endoscopy with a polyp.", null)],
            TrainingRunner.SamplePrompts(Clips, perModality: false));

    [Fact]
    public void A_phantom_readout_samples_the_first_caption_of_each_modality_with_its_modality() =>
        Assert.Equal(
            [new SamplePrompt("This is a cell video.", "cell"), new SamplePrompt("This is a endoscopy video.", "endoscopy"), new SamplePrompt("This is a ultrasound video.", "ultrasound")],
            TrainingRunner.SamplePrompts(Clips, perModality: true));
}
