using MedVid.Models.Dit;
using MedVid.Models.Text;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

/// <summary>
/// The whole model, trained with the diffusion loss, follows a number: two captions that differ only in one digit, each
/// with its own clip, get two different x̂0 from the same x_t. Cross-attention alone must carry it (the pooled text is
/// off in one case): a caption projection initialised at N(0, 0.02), PixArt's choice for T5 features, starved it, and
/// the encoder then collapsed the two captions onto one (docs/benchmarks-phantoms.md, "A starved cross-attention").
/// </summary>
public class NumberFollowingTests
{
    private static readonly string[] Prompts = ["A microscopy video of 3 cells drifting.", "A microscopy video of 9 cells drifting."];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_dit_trained_with_the_diffusion_loss_tells_apart_two_captions_that_differ_in_one_number(bool pooledText)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var tokenizer = CaptionTokenizer.Build(Prompts);
        using var encoder = new TransformerTextEncoder(tokenizer, TextEncoderConfig.Tiny, generator);
        using var dit = new SpatialTemporalDit(DitSizes.Tiny with { TextDim = TextEncoderConfig.Tiny.Dim, PooledText = pooledText }, generator);
        var clips = randn([2, 4, 2, 4, 4], generator: generator);
        var batch = Enumerable.Range(0, 8).Select(i => Prompts[i % 2]).ToArray();
        var rows = tensor(Enumerable.Range(0, 8).Select(i => (long)(i % 2)).ToArray());
        using var optimizer = optim.AdamW(encoder.parameters().Concat(dit.parameters()), lr: 5e-4, weight_decay: 0.01);
        for (var step = 0; step < 300; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var x0 = clips.index_select(0, rows);
            var noise = randn(x0.shape, generator: generator);
            var t = randint(0, TrainSteps, [8], dtype: int64, generator: generator);
            var text = encoder.Encode(batch);
            nn.functional.mse_loss(dit.forward(Noised(x0, noise, t), t, text.Embeddings, text.Mask), noise).backward();
            optimizer.step();
        }

        using var noGrad = no_grad();
        // At high noise, from one x_t made of the mean clip: only the caption says which clip it is.
        var shared = randn([1, 4, 2, 4, 4], generator: generator).expand(2, 4, 2, 4, 4);
        var late = tensor(new long[] { 900, 900 });
        var xt = Noised(clips.mean([0], keepdim: true).expand_as(clips), shared, late);
        var encoded = encoder.Encode(Prompts);
        var eps = dit.forward(xt, late, encoded.Embeddings, encoded.Mask);
        var a = AlphaBar(900);
        var predicted = (xt - Math.Sqrt(1 - a) * eps) / Math.Sqrt(a);
        // Separation: 0 for a model deaf to the caption, about 1 for one that tells the clips apart fully; a random
        // direction in these 128 values would have a cosine near 0.09 with the clips' difference.
        var predictedGap = (predicted[0] - predicted[1]).flatten();
        var clipGap = (clips[0] - clips[1]).flatten();
        var separation = (predictedGap.norm() / clipGap.norm()).ToDouble();
        var alignment = nn.functional.cosine_similarity(predictedGap, clipGap, 0).ToDouble();
        Assert.True(separation > 0.5, $"x̂0 of the two captions differ by {separation:0.000} of their clips' difference");
        Assert.True(alignment > 0.3, $"x̂0's difference points {alignment:0.000} (cosine) along the clips' difference");
    }

    private const int TrainSteps = 1000;

    /// <summary>ᾱ_t of a cosine schedule (Nichol and Dhariwal): self-contained, the test needs no sampler.</summary>
    private static double AlphaBar(long t)
    {
        static double F(double u) => Math.Pow(Math.Cos((u + 0.008) / 1.008 * Math.PI / 2), 2);
        return F(t / (double)TrainSteps) / F(0);
    }

    private static Tensor Noised(Tensor x0, Tensor noise, Tensor t)
    {
        var alphaBar = tensor(t.data<long>().Select(s => (float)AlphaBar(s)).ToArray()).view(-1, 1, 1, 1, 1);
        return alphaBar.sqrt() * x0 + (1 - alphaBar).sqrt() * noise;
    }
}
