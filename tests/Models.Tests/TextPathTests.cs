using MedVid.Models.Dit;
using MedVid.Models.Text;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

/// <summary>
/// The text reaches the denoiser: with every weight frozen except the text path (encoder, caption projection,
/// cross-attention, pooled projection), a DiT learns to give two prompts two different outputs for the same x_t.
/// A model that ignored its text could do no better than the mean of the two targets.
/// </summary>
public class TextPathTests
{
    private static readonly string[] Prompts = ["An endoscopy video advancing through the lumen.", "A microscopy video of cells drifting."];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_dit_trained_only_on_its_text_path_fits_two_prompts_to_two_targets(bool pooledText)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var tokenizer = CaptionTokenizer.Build(Prompts);
        using var encoder = new TransformerTextEncoder(tokenizer, TextEncoderConfig.Tiny, generator);
        using var dit = new SpatialTemporalDit(DitSizes.Tiny with { TextDim = TextEncoderConfig.Tiny.Dim, PooledText = pooledText }, generator);
        // A fresh DiT's zero output layer would hide every path; give it the non-zero weights of a trained one.
        TestData.Perturb(dit, seed: 12);
        dit.requires_grad_(false);
        var textPath = new List<nn.Module> { dit.caption_projection };
        textPath.AddRange(dit.blocks.Select(b => (nn.Module)b.cross_attn));
        if (dit.pooled_text_projection is { } pooled) textPath.Add(pooled);
        foreach (var module in textPath) module.requires_grad_(true);

        // The same x_t for both prompts: only the text can tell the two rows apart.
        var latents = randn([1, 4, 2, 4, 4], generator: generator).expand(2, 4, 2, 4, 4).contiguous();
        var timesteps = tensor(new long[] { 500, 500 });
        var targets = randn([2, 4, 2, 4, 4], generator: generator);
        var parameters = encoder.parameters().Concat(textPath.SelectMany(m => m.parameters())).ToList();
        using var optimizer = optim.AdamW(parameters, lr: 1e-3, weight_decay: 0.01); // the old engine's (and PyTorch's) default decay
        for (var step = 0; step < 500; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var text = encoder.Encode(Prompts);
            nn.functional.mse_loss(dit.forward(latents, timesteps, text.Embeddings, text.Mask), targets).backward();
            optimizer.step();
        }

        using var noGrad = no_grad();
        var encoded = encoder.Encode(Prompts);
        var predicted = dit.forward(latents, timesteps, encoded.Embeddings, encoded.Mask);
        // The best prompt-blind answer is the mean of the two targets; its error is the floor a deaf model cannot pass.
        var blindFloor = nn.functional.mse_loss(targets.mean([0], keepdim: true).expand_as(targets), targets).ToDouble();
        for (var row = 0; row < 2; row++)
        {
            var own = nn.functional.mse_loss(predicted.select(0, row), targets.select(0, row)).ToDouble();
            var other = nn.functional.mse_loss(predicted.select(0, row), targets.select(0, 1 - row)).ToDouble();
            Assert.True(own < 0.5 * blindFloor, $"prompt {row}: error {own:0.000} against its target, prompt-blind floor {blindFloor:0.000}");
            Assert.True(own < other, $"prompt {row}: closer to the other prompt's target ({other:0.000}) than to its own ({own:0.000})");
        }
    }
}
