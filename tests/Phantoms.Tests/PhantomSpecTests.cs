namespace MedVid.Phantoms.Tests;

public sealed class PhantomSpecTests
{
    public static TheoryData<PhantomSpec> OneOfEach() =>
    [
        new EchoPhantom(72, Seed: 3, Width: 64, Height: 48, Frames: 6),
        new EndoscopyPhantom(1.0, Polyp: true, Seed: 3, Width: 64, Height: 48, Frames: 6),
        new MicroscopyPhantom(5, 1, Seed: 3, Width: 64, Height: 48, Frames: 6),
        new MriPhantom(1.5, Seed: 3, Width: 64, Height: 48, Frames: 6),
    ];

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Renders_the_requested_number_of_frames_at_the_requested_size(PhantomSpec spec)
    {
        var frames = spec.Render().ToList();

        Assert.Equal(6, frames.Count);
        Assert.All(frames, f => Assert.Equal((64, 48, 64 * 48 * 3), (f.Width, f.Height, f.Pixels.Length)));
    }

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void The_same_seed_gives_the_same_pixels_and_another_seed_does_not(PhantomSpec spec)
    {
        var first = spec.Render().SelectMany(f => f.Pixels).ToArray();
        var again = spec.Render().SelectMany(f => f.Pixels).ToArray();
        var other = (spec with { Seed = spec.Seed + 1 }).Render().SelectMany(f => f.Pixels).ToArray();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Frames_change_over_time(PhantomSpec spec)
    {
        var frames = spec.Render().ToList();
        Assert.NotEqual(frames[0].Pixels, frames[^1].Pixels);
    }

    [Fact]
    public void Captions_state_the_parameters_in_several_phrasings()
    {
        var echo = new EchoPhantom(72);
        var endoscopy = new EndoscopyPhantom(1.5, Polyp: false);
        var cells = new MicroscopyPhantom(9, 2);
        var mri = new MriPhantom(2.5);

        Assert.Contains("An echocardiography video of a left ventricle beating at 72 bpm.", echo.Captions);
        Assert.All(echo.Captions, c => Assert.Contains("72", c));
        Assert.All(endoscopy.Captions, c => Assert.Contains("1.5", c));
        Assert.All(endoscopy.Captions, c => Assert.Contains("no polyp", c.Replace("without polyps", "no polyp")));
        Assert.All(new EndoscopyPhantom(1.5, Polyp: true).Captions, c => Assert.Contains("polyp", c));
        Assert.All(cells.Captions, c => Assert.Contains("9", c));
        Assert.All(mri.Captions, c => Assert.Contains("2.5", c));
        foreach (PhantomSpec spec in new PhantomSpec[] { echo, endoscopy, cells, mri })
        {
            Assert.True(spec.Captions.Count >= 3);
            Assert.Equal(spec.Captions.Count, spec.Captions.Distinct().Count());
        }
    }

    [Fact]
    public void Modality_captions_follow_boras_alignment_template()
    {
        Assert.Equal("This is a ultrasound video.", new EchoPhantom(72).ModalityCaption);
        Assert.Equal("This is a endoscopy video.", new EndoscopyPhantom(1, false).ModalityCaption);
        Assert.Equal("This is a cell video.", new MicroscopyPhantom(3).ModalityCaption);
        Assert.Equal("This is a RT-MRI video.", new MriPhantom(1).ModalityCaption);
    }

    [Fact]
    public void Labels_carry_the_ground_truth()
    {
        var labels = new EndoscopyPhantom(1.25, Polyp: true, Seed: 7, Fps: 15).Labels;

        Assert.Equal("endoscopy", labels["modality"]);
        Assert.Equal("1.25", labels["speed_radii_per_second"]);
        Assert.Equal("true", labels["polyp"]);
        Assert.Equal("7", labels["seed"]);
        Assert.Equal("15", labels["fps"]);
        Assert.Equal("72", new EchoPhantom(72).Labels["heart_rate_bpm"]);
        Assert.Equal("11", new MicroscopyPhantom(8, 3).Labels["final_cell_count"]);
        Assert.Equal("0.8", new MriPhantom(0.8).Labels["articulator_hz"]);
    }

    [Fact]
    public void Impossible_parameters_are_refused_when_rendering()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EchoPhantom(500).Render().First());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MriPhantom(7, Fps: 12).Render().First());
        Assert.Throws<ArgumentOutOfRangeException>(() => new MicroscopyPhantom(3, Divisions: 4).Render().First());
        Assert.Throws<ArgumentOutOfRangeException>(() => new EndoscopyPhantom(-1, false).Render().First());
        Assert.Throws<ArgumentOutOfRangeException>(() => new EchoPhantom(72, Width: 8).Render().First());
        Assert.Throws<ArgumentOutOfRangeException>(() => new EchoPhantom(72, Frames: 1).Render().First());
    }
}
