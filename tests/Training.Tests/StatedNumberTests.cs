using MedVid.Training.Probes;

namespace MedVid.Training.Tests;

public class StatedNumberTests
{
    [Theory]
    [InlineData("A left ventricle beating at 55 bpm, ejection fraction about 60%.", "A left ventricle beating at 110 bpm, ejection fraction about 60%.")]
    [InlineData("Colonoscopy moving forward at 0.7 radii/s past a polyp.", "Colonoscopy moving forward at 1.4 radii/s past a polyp.")]
    [InlineData("A microscopy video of 12 cells drifting.", "A microscopy video of 24 cells drifting.")]
    [InlineData("Tongue at 1.25 Hz.", "Tongue at 2.50 Hz.")]
    [InlineData("T2w scan with 0 lesions and 3 cysts.", "T2w scan with 0 lesions and 6 cysts.")]
    public void The_first_nonzero_number_is_doubled_with_its_decimals_and_nothing_else_changes(string caption, string expected) =>
        Assert.Equal(expected, StatedNumber.WithFirstDoubled(caption));

    [Theory]
    [InlineData("")]
    [InlineData("An endoscopy video advancing through the lumen.")]
    [InlineData("A T2w scan with 0 lesions.")]
    public void A_caption_without_a_nonzero_number_has_no_variant(string caption) =>
        Assert.Null(StatedNumber.WithFirstDoubled(caption));
}
