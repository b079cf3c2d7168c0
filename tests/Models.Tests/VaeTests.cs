using MedVid.Engine.Serialization;
using MedVid.Models.Vae;
using static TorchSharp.torch;

namespace MedVid.Models.Tests;

public class VaeTests
{
    /// <summary>A smooth moving pattern in [−1, 1], [1, 3, frames, size, size].</summary>
    private static Tensor Video(long frames = 2, long size = 16)
    {
        var data = new float[3 * frames * size * size];
        var i = 0;
        for (var c = 0; c < 3; c++)
            for (var t = 0; t < frames; t++)
                for (var y = 0; y < size; y++)
                    for (var x = 0; x < size; x++)
                        data[i++] = (float)(0.8 * Math.Sin(0.4 * x + 0.3 * y + 0.5 * t + c));
        return tensor(data, [1, 3, frames, size, size]);
    }

    [Fact]
    public void Encode_compresses_frames_eightfold_and_decode_restores_the_shape()
    {
        using var scope = NewDisposeScope();
        using var vae = new AutoencoderKL(VaeConfig.Tiny, generator: new Generator(30));
        var video = randn([2, 3, 3, 32, 24]);
        using var posterior = vae.Encode(video);
        Assert.Equal(8, VaeConfig.Tiny.SpatialCompression);
        Assert.Equal(8, VaeConfig.Default.SpatialCompression);
        Assert.Equal([2L, 4, 3, 4, 3], posterior.Mean.shape);
        Assert.Equal([2L, 4, 3, 4, 3], posterior.LogVar.shape);
        Assert.Equal([2L, 3, 3, 32, 24], vae.Decode(posterior.Sample(new Generator(1))).shape);
        Assert.Throws<ArgumentException>(() => vae.Encode(randn([1, 3, 2, 20, 16])));
    }

    [Fact]
    public void Configs_have_their_documented_parameter_counts()
    {
        using var tiny = new AutoencoderKL(VaeConfig.Tiny);
        using var standard = new AutoencoderKL(VaeConfig.Default);
        Assert.Equal(78_975L, tiny.parameters().Sum(p => p.numel()));
        Assert.Equal(20_418_215L, standard.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Frames_are_encoded_independently()
    {
        using var scope = NewDisposeScope();
        using var vae = new AutoencoderKL(VaeConfig.Tiny, generator: new Generator(31));
        var video = Video(frames: 3);
        var edited = video.clone();
        edited.select(2, 1).fill_(0.5);
        using var noGrad = no_grad();
        using var a = vae.Encode(video);
        using var b = vae.Encode(edited);
        Assert.True(a.Mean.select(2, 0).allclose(b.Mean.select(2, 0), rtol: 1e-5, atol: 1e-6));
        Assert.True(a.Mean.select(2, 2).allclose(b.Mean.select(2, 2), rtol: 1e-5, atol: 1e-6));
        Assert.True(TestData.MaxAbsDifference(a.Mean.select(2, 1), b.Mean.select(2, 1)) > 1e-5);
    }

    [Fact]
    public void Sampling_is_reproducible_with_a_seeded_generator()
    {
        using var scope = NewDisposeScope();
        using var vae = new AutoencoderKL(VaeConfig.Tiny, generator: new Generator(32));
        using var posterior = vae.Encode(Video());
        var first = posterior.Sample(new Generator(5));
        Assert.True(first.allclose(posterior.Sample(new Generator(5)), rtol: 0, atol: 0));
        Assert.False(first.allclose(posterior.Sample(new Generator(6))));
        Assert.True(posterior.Mode().allclose(posterior.Mean, rtol: 0, atol: 0));
    }

    [Fact]
    public void Scaling_factor_travels_with_the_weights()
    {
        using var scope = NewDisposeScope();
        using var vae = new AutoencoderKL(VaeConfig.Tiny, scalingFactor: 0.25, generator: new Generator(33));
        var path = Path.Combine(Path.GetTempPath(), $"vae-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, vae.state_dict());
            using var loaded = new AutoencoderKL(VaeConfig.Tiny);
            Assert.Equal(1.0, loaded.ScalingFactor);
            loaded.load_state_dict(SafeTensors.Load(path));
            Assert.Equal(0.25, loaded.ScalingFactor);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Contains(AutoencoderKL.ScalingFactorKey, vae.state_dict().Keys);
        Assert.DoesNotContain(vae.parameters(), p => p.dim() == 0);
    }

    [Fact]
    public void Diffusion_latents_are_scaled_samples_and_decode_back_to_video_shape()
    {
        using var scope = NewDisposeScope();
        using var vae = new AutoencoderKL(VaeConfig.Tiny, generator: new Generator(34));
        var video = Video();
        var raw = vae.Encode(video).Sample(new Generator(8));
        vae.ScalingFactor = AutoencoderKL.EstimateScalingFactor(raw);
        var scaled = vae.EncodeForDiffusion(video, new Generator(8));
        Assert.Equal(1.0, scaled.std().ToSingle(), 3);
        Assert.Equal(video.shape, vae.DecodeFromDiffusion(scaled).shape);
    }

    [Fact]
    public void Loss_decreases_over_a_few_training_steps()
    {
        using var scope = NewDisposeScope();
        using var vae = new AutoencoderKL(VaeConfig.Tiny, generator: new Generator(35));
        using var optimizer = optim.AdamW(vae.parameters(), lr: 2e-3, weight_decay: 0.01);
        var video = Video();
        var weights = new VaeLossWeights(Kl: 1e-6, Frequency: 1.0);
        var losses = new List<float>();
        for (var step = 0; step < 12; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            var (reconstruction, posterior) = vae.forward(video, new Generator((ulong)step));
            using (posterior)
            {
                var terms = VaeLoss.Compute(reconstruction, video, posterior, weights);
                Assert.NotNull(terms.Frequency);
                terms.Total.backward();
                losses.Add(terms.Total.ToSingle());
            }
            optimizer.step();
        }
        Assert.True(losses[^1] < 0.7 * losses[0], $"loss went {losses[0]} → {losses[^1]}");
    }

    [Fact]
    public void Focal_frequency_loss_with_alpha_zero_is_the_mean_squared_error()
    {
        // Orthonormal DFT (Parseval): mean |F(d)|² over frequencies = mean d² over pixels; with
        // alpha = 0 every frequency weighs 1, so a wrong DFT matrix shows up here.
        using var scope = NewDisposeScope();
        using var generator = new Generator(36);
        var a = randn([2, 3, 6, 10], generator: generator);
        var b = randn([2, 3, 6, 10], generator: generator);
        var ffl = FocalFrequencyLoss.Compute(a, b, alpha: 0).ToSingle();
        Assert.Equal(nn.functional.mse_loss(a, b).ToSingle(), ffl, 4);
        Assert.Equal(0f, FocalFrequencyLoss.Compute(a, a).ToSingle());
        Assert.True(FocalFrequencyLoss.Compute(a, b, alpha: 1).ToSingle() < ffl);
    }

    [Fact]
    public void Focal_frequency_loss_finds_a_single_frequency_where_the_dft_puts_it()
    {
        // A horizontal cosine of frequency 2 on an 8-wide frame has its energy at (0, 2) and (0, 6):
        // its loss against zero equals that of the same energy in the pixel domain (Parseval), and
        // shifting the phase (sine) keeps the magnitude spectrum, hence the loss.
        using var scope = NewDisposeScope();
        var cosine = new float[8 * 8];
        var sine = new float[8 * 8];
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++)
            {
                cosine[y * 8 + x] = (float)Math.Cos(2 * Math.PI * 2 * x / 8);
                sine[y * 8 + x] = (float)Math.Sin(2 * Math.PI * 2 * x / 8);
            }
        var zero = zeros([1, 8, 8]);
        var byCosine = FocalFrequencyLoss.Compute(tensor(cosine, [1, 8, 8]), zero, alpha: 1).ToSingle();
        var bySine = FocalFrequencyLoss.Compute(tensor(sine, [1, 8, 8]), zero, alpha: 1).ToSingle();
        // Σ cos² = 32 over the 64 pixels, so each of the two peaks holds |F|² = 16 (weight 1, the
        // maximum) and every other frequency 0: the mean over 64 frequencies is 32 / 64.
        Assert.Equal(0.5f, byCosine, 4);
        Assert.Equal(byCosine, bySine, 4);
    }
}
