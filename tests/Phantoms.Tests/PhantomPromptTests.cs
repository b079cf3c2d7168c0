using MedVid.Phantoms.Prompts;

namespace MedVid.Phantoms.Tests;

public sealed class PhantomPromptTests
{
    public static TheoryData<PhantomSpec> Specs() =>
    [
        new EchoPhantom(HeartRateBpm: 55, Seed: 1), new EchoPhantom(HeartRateBpm: 145, Seed: 2),
        new EndoscopyPhantom(SpeedPerSecond: 0.7, Polyp: true, Seed: 3), new EndoscopyPhantom(SpeedPerSecond: 1.7, Polyp: false, Seed: 4),
        new MicroscopyPhantom(CellCount: 3, Divisions: 1, Seed: 5), new MicroscopyPhantom(CellCount: 11, Divisions: 0, Seed: 6),
        new MriPhantom(ArticulatorHz: 1.3, Seed: 7),
    ];

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_caption_of_a_phantom_reads_back_as_what_it_asks(PhantomSpec spec)
    {
        var expected = spec switch
        {
            EchoPhantom echo => new PromptExpectation(Modality.Ultrasound, echo.HeartRateBpm, null, null),
            EndoscopyPhantom endoscopy => new PromptExpectation(Modality.Endoscopy, null, null, endoscopy.Polyp),
            MicroscopyPhantom microscopy => new PromptExpectation(Modality.Cells, null, microscopy.CellCount, null),
            _ => new PromptExpectation(Modality.RtMri, null, null, null),
        };
        foreach (var caption in spec.Captions) Assert.Equal(expected, PhantomPrompt.Parse(caption));
        Assert.Equal(new PromptExpectation(spec.Modality, null, null, null), PhantomPrompt.Parse(spec.Modality.BoraCaption()));
    }

    [Theory]
    [InlineData("A cataract surgery video: capsulorhexis.")]
    [InlineData("")]
    public void A_prompt_that_names_no_phantom_modality_is_not_a_phantom_prompt(string prompt) => Assert.Null(PhantomPrompt.Parse(prompt));
}
