using MedVid.Phantoms.Estimation;

namespace MedVid.Phantoms.Tests;

public sealed class ModalityClassificationTests
{
    [Fact]
    public async Task Every_demo_phantom_is_classified_correctly_after_mp4()
    {
        foreach (var spec in PhantomCatalog.Demo(seed: 9))
        {
            var frames = await RoundTrip.ThroughMp4Async(spec with { Frames = 16 });
            Assert.Equal(spec.Modality, PhantomEstimators.ClassifyModality(frames).Modality);
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    public async Task Random_phantoms_of_every_modality_are_classified_correctly(int size)
    {
        var rng = new Random(size);
        foreach (var modality in Enum.GetValues<Modality>())
        {
            for (var i = 0; i < 2; i++)
            {
                var spec = PhantomCatalog.Random(modality, rng, width: size, height: size, frames: 16);
                var estimate = PhantomEstimators.ClassifyModality(await RoundTrip.ThroughMp4Async(spec));
                Assert.True(modality == estimate.Modality, $"{spec} classified as {estimate.Modality}: {estimate.Features}");
                Assert.True(estimate.Confidence > 0.5, $"{spec}: confidence {estimate.Confidence}");
            }
        }
    }
}
