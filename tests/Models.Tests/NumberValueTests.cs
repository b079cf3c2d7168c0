using MedVid.Engine.Layers;
using MedVid.Models.Text;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

/// <summary>The numbers of a caption reach the text encoder as values as well as digits (<see cref="NumberEmbedding"/>).</summary>
public class NumberValueTests
{
    private static readonly int[] TrainingCounts = [2, 4, 5, 7, 9, 10, 12];
    private static readonly int[] HeldOutCounts = [3, 6, 8, 11];

    // The other numbers hold every digit of the held-out counts, as real captions do: the digits are known, the counts are not.
    private static string Caption(int cells) => $"A microscopy video of {cells} cells drifting at 38 degrees under a 16x objective.";

    [Fact]
    public void Each_token_of_a_number_carries_its_value_aligned_with_the_token_ids_and_truncated_with_them()
    {
        var values = CaptionTokenizer.NumberValues("Beats at 55 bpm; speed 0.7 radii.", 16);
        // [BOS] beats at 5 5 bpm ; speed 0 . 7 radii . [EOS] [PAD] [PAD]
        float[] expected = [float.NaN, float.NaN, float.NaN, 55, 55, float.NaN, float.NaN, float.NaN, 0.7f, 0.7f, 0.7f, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN];
        Assert.Equal(expected, values);
        // The sentence's full stop after a number is not part of it; truncation keeps [EOS] as Encode does.
        Assert.Equal([float.NaN, float.NaN, 12, 12, float.NaN], CaptionTokenizer.NumberValues("at 12.", 5));
        Assert.Equal([float.NaN, float.NaN, 12, float.NaN], CaptionTokenizer.NumberValues("at 12 cells", 4));
        Assert.All(CaptionTokenizer.NumberValues("no numbers here", 8), v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void A_fresh_encoder_is_the_same_with_or_without_number_values_and_builds_the_same_other_weights()
    {
        using var scope = NewDisposeScope();
        var tokenizer = CaptionTokenizer.Build(TrainingCounts.Select(Caption));
        using var plain = new TransformerTextEncoder(tokenizer, TextEncoderConfig.Tiny, new Generator(3));
        using var numbers = new TransformerTextEncoder(tokenizer, TextEncoderConfig.Tiny with { NumberValues = true }, new Generator(3));
        Assert.Null(plain.number_embedding);
        Assert.NotNull(numbers.number_embedding);
        string[] prompts = [Caption(5), Caption(12)];
        Assert.True(plain.Encode(prompts).Embeddings.allclose(numbers.Encode(prompts).Embeddings, 0, 0));
    }

    [Fact]
    public void Counts_never_seen_in_training_are_read_in_order_and_near_their_value()
    {
        using var scope = NewDisposeScope();
        var (heldOut, trainingError) = FitCountReadout(numberValues: true);
        var readings = string.Join(", ", HeldOutCounts.Zip(heldOut, (count, read) => $"{count} as {read:0.00}"));
        Assert.True(trainingError < 0.25, $"the readout did not fit the training counts (mean error {trainingError:0.00})");
        Assert.True(heldOut.Zip(heldOut.Skip(1)).All(p => p.First < p.Second), $"held-out counts read out of order: {readings}");
        Assert.True(HeldOutCounts.Zip(heldOut).Average(p => Math.Abs(p.First - p.Second)) < 1.25, $"held-out counts read too far off: {readings}");
    }

    [Fact]
    public void Without_number_values_digits_alone_do_not_place_an_unseen_count()
    {
        using var scope = NewDisposeScope();
        var (heldOut, trainingError) = FitCountReadout(numberValues: false);
        Assert.True(trainingError < 0.25, $"the readout did not fit the training counts (mean error {trainingError:0.00})");
        var heldOutError = HeldOutCounts.Zip(heldOut).Average(p => Math.Abs(p.First - p.Second));
        Assert.True(heldOutError > 1.0, $"digits alone read the unseen counts within {heldOutError:0.00} cells");
    }

    [Fact]
    public void Without_their_digits_numbers_reach_the_encoder_by_value_alone()
    {
        using var scope = NewDisposeScope();
        var tokenizer = CaptionTokenizer.Build(TrainingCounts.Select(Caption));
        var config = TextEncoderConfig.Tiny with { NumberValues = true };
        using var digits = new TransformerTextEncoder(tokenizer, config, new Generator(3));
        using var byValue = new TransformerTextEncoder(tokenizer, config with { NumberDigits = false }, new Generator(3));
        Assert.NotNull(byValue.number_token);
        string[] prompts = [Caption(5), Caption(7)];
        // Fresh, the value's map is zero: without digits the two counts are the same caption, with digits they are not.
        var fresh = byValue.Encode(prompts).Embeddings;
        Assert.True(fresh[0].allclose(fresh[1], 0, 0));
        var withDigits = digits.Encode(prompts).Embeddings;
        Assert.False(withDigits[0].allclose(withDigits[1], 1e-4, 1e-5));
        // The other weights are the ones the seed gives, and the value, once mapped, tells the counts apart.
        Assert.True(digits.layers[0].parameters().Zip(byValue.layers[0].parameters()).All(p => p.First.allclose(p.Second, 0, 0)));
        using (no_grad()) byValue.number_embedding!.projection.weight!.normal_(0, 0.1, new Generator(4));
        var valued = byValue.Encode(prompts).Embeddings;
        Assert.False(valued[0].allclose(valued[1], 1e-4, 1e-5));

        var error = Assert.Throws<ArgumentException>(() => new TransformerTextEncoder(tokenizer, TextEncoderConfig.Tiny with { NumberDigits = false }));
        Assert.Equal("an encoder without the numbers' digits must read their values (NumberValues)", error.Message);
    }

    [Fact]
    public void Counts_never_seen_in_training_are_read_in_order_by_value_alone()
    {
        using var scope = NewDisposeScope();
        var (heldOut, trainingError) = FitCountReadout(numberValues: true, numberDigits: false);
        var readings = string.Join(", ", HeldOutCounts.Zip(heldOut, (count, read) => $"{count} as {read:0.00}"));
        Assert.True(trainingError < 0.25, $"the readout did not fit the training counts (mean error {trainingError:0.00})");
        Assert.True(heldOut.Zip(heldOut.Skip(1)).All(p => p.First < p.Second), $"held-out counts read out of order: {readings}");
        Assert.True(HeldOutCounts.Zip(heldOut).Average(p => Math.Abs(p.First - p.Second)) < 1.25, $"held-out counts read too far off: {readings}");
    }

    /// <summary>
    /// Trains an encoder and a linear readout of its mean token to give each training caption's cell count, then reads
    /// the held-out counts. Returns the held-out readings and the mean absolute error on the training counts.
    /// </summary>
    private static (double[] HeldOut, double TrainingError) FitCountReadout(bool numberValues, bool numberDigits = true)
    {
        using var generator = new Generator(5);
        var tokenizer = CaptionTokenizer.Build(TrainingCounts.Concat(HeldOutCounts).Select(Caption));
        using var encoder = new TransformerTextEncoder(tokenizer, TextEncoderConfig.Tiny with { NumberValues = numberValues, NumberDigits = numberDigits }, generator);
        // Seeded like the encoder: an unseeded layer would draw from the global generator, which other tests also move.
        using var readout = SeededLayers.Linear(encoder.Dim, 1, generator: generator);
        var prompts = TrainingCounts.Select(Caption).ToArray();
        using var targets = tensor(TrainingCounts.Select(c => (float)c).ToArray()).unsqueeze(1);
        using var optimizer = optim.Adam(encoder.parameters().Concat(readout.parameters()), lr: 3e-3);
        Tensor Read(string[] captions)
        {
            var text = encoder.Encode(captions);
            var keep = text.Mask.unsqueeze(2).to(text.Embeddings.dtype);
            return readout.forward((text.Embeddings * keep).sum(1) / keep.sum(1));
        }
        for (var step = 0; step < 400; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.mse_loss(Read(prompts), targets).backward();
            optimizer.step();
        }
        using var noGrad = no_grad();
        var trainingError = (Read(prompts) - targets).abs().mean().ToDouble();
        var heldOut = Read(HeldOutCounts.Select(Caption).ToArray()).data<float>().Select(v => (double)v).ToArray();
        return (heldOut, trainingError);
    }
}
