namespace MedVid.Phantoms.Tests;

public sealed class PhantomCatalogTests
{
    [Fact]
    public void Demo_set_is_short_varied_and_covers_all_four_modalities()
    {
        var demo = PhantomCatalog.Demo(seed: 1);

        Assert.InRange(demo.Count, 4, 8);
        Assert.Equal(Enum.GetValues<Modality>().Order(), demo.Select(p => p.Modality).Distinct().Order());
        Assert.All(demo, p => Assert.InRange(p.Duration.TotalSeconds, 3, 5));
        Assert.All(demo, p => Assert.InRange(p.Fps, 12, 15));
        Assert.Equal(demo.Count, demo.Select(p => p.Captions[0]).Distinct().Count());
        Assert.Equal(demo, PhantomCatalog.Demo(seed: 1));
    }

    [Theory]
    [InlineData(Modality.Ultrasound)]
    [InlineData(Modality.Endoscopy)]
    [InlineData(Modality.Cells)]
    [InlineData(Modality.RtMri)]
    public void Random_samples_the_modality_within_the_validated_ranges(Modality modality)
    {
        var rng = new Random(42);
        var samples = Enumerable.Range(0, 50).Select(_ => PhantomCatalog.Random(modality, rng)).ToList();

        Assert.All(samples, s => Assert.Equal(modality, s.Modality));
        Assert.True(samples.Select(s => s.Captions[0]).Distinct().Count() > 10, "parameters should vary between samples");
        foreach (var sample in samples)
        {
            switch (sample)
            {
                case EchoPhantom echo: Assert.InRange(echo.HeartRateBpm, 50, 150); break;
                case EndoscopyPhantom endoscopy: Assert.InRange(endoscopy.SpeedPerSecond, 0.3, 2.0); break;
                case MicroscopyPhantom cells:
                    Assert.InRange(cells.CellCount, 2, 12);
                    Assert.InRange(cells.Divisions, 0, 3);
                    break;
                case MriPhantom mri: Assert.InRange(mri.ArticulatorHz, 0.6, 3.0); break;
            }
        }
        var again = new Random(42);
        Assert.Equal(samples, Enumerable.Range(0, 50).Select(_ => PhantomCatalog.Random(modality, again)));
    }
}
