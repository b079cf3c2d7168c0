using static TorchSharp.torch;

namespace MedVid.Diffusion;

/// <summary>Parameters of the linear beta schedule (DDPM's defaults).</summary>
public sealed record NoiseScheduleConfig(int TrainSteps = 1000, double BetaStart = 1e-4, double BetaEnd = 0.02);

/// <summary>
/// The forward process q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I) with betas linear from
/// BetaStart to BetaEnd over TrainSteps. ᾱ is computed in float64 (a float32 cumulative
/// product drifts by ~1e-6 relative over 1000 steps); the per-element coefficient tables are
/// float32 tensors so training math stays in the model's precision. Samplers read the float64
/// scalars because every row of a sampling batch shares one timestep.
/// </summary>
public sealed class NoiseSchedule : IDisposable
{
    private readonly double[] betas;
    private readonly double[] alphasCumprod;
    private readonly Tensor sqrtAlphaCumprod;
    private readonly Tensor sqrtOneMinusAlphaCumprod;
    private readonly Tensor sqrtRecipAlphaCumprod;
    private readonly Tensor sqrtRecipAlphaCumprodMinusOne;

    public NoiseSchedule(NoiseScheduleConfig? config = null)
    {
        Config = config ?? new NoiseScheduleConfig();
        var n = Config.TrainSteps;
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(config), "at least 2 train steps");
        if (Config.BetaStart <= 0 || Config.BetaEnd >= 1 || Config.BetaStart > Config.BetaEnd)
            throw new ArgumentOutOfRangeException(nameof(config), "need 0 < BetaStart <= BetaEnd < 1");
        betas = new double[n];
        alphasCumprod = new double[n];
        var product = 1.0;
        for (var i = 0; i < n; i++)
        {
            betas[i] = Config.BetaStart + (Config.BetaEnd - Config.BetaStart) * i / (n - 1);
            product *= 1 - betas[i];
            alphasCumprod[i] = product;
        }
        sqrtAlphaCumprod = Table(a => Math.Sqrt(a));
        sqrtOneMinusAlphaCumprod = Table(a => Math.Sqrt(1 - a));
        sqrtRecipAlphaCumprod = Table(a => 1 / Math.Sqrt(a));
        sqrtRecipAlphaCumprodMinusOne = Table(a => Math.Sqrt(1 / a - 1));
        AlphasCumprod = Table(a => a);
    }

    public NoiseScheduleConfig Config { get; }

    public int TrainSteps => Config.TrainSteps;

    /// <summary>ᾱ_t for every t as a float32 tensor [TrainSteps] (owned by the schedule).</summary>
    public Tensor AlphasCumprod { get; }

    public double Beta(long t) => betas[t];

    public double AlphaCumprod(long t) => alphasCumprod[t];

    /// <summary>x_t = √ᾱ_t x0 + √(1 − ᾱ_t) ε, with a timestep per row (int64 [B]).</summary>
    public Tensor AddNoise(Tensor x0, Tensor noise, Tensor timesteps)
    {
        using var scope = NewDisposeScope();
        var result = PerRow(sqrtAlphaCumprod, timesteps, x0) * x0 + PerRow(sqrtOneMinusAlphaCumprod, timesteps, x0) * noise;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>x̂0 = (x_t − √(1 − ᾱ_t) ε̂) / √ᾱ_t, written as 1/√ᾱ_t · x_t − √(1/ᾱ_t − 1) · ε̂.</summary>
    public Tensor PredictX0(Tensor noisy, Tensor predictedNoise, Tensor timesteps)
    {
        using var scope = NewDisposeScope();
        var result = PerRow(sqrtRecipAlphaCumprod, timesteps, noisy) * noisy - PerRow(sqrtRecipAlphaCumprodMinusOne, timesteps, predictedNoise) * predictedNoise;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Looks up table[t] for each row and shapes it [B, 1, ...] to broadcast over <paramref name="like"/>.</summary>
    private Tensor PerRow(Tensor table, Tensor timesteps, Tensor like)
    {
        var rank = like.dim();
        var t = timesteps.dim() == 0 ? timesteps.reshape(1) : timesteps;
        var batch = t.shape[0];
        if (batch != like.shape[0] && batch != 1)
            throw new ArgumentException($"{batch} timesteps for a batch of {like.shape[0]}");
        var values = table.index_select(0, t.to(int64, CPU)).to(like.dtype, like.device);
        var shape = new long[rank];
        Array.Fill(shape, 1L);
        shape[0] = batch;
        return values.reshape(shape);
    }

    private Tensor Table(Func<double, double> f)
    {
        var values = alphasCumprod.Select(a => (float)f(a)).ToArray();
        return tensor(values).DetachFromDisposeScope();
    }

    public void Dispose()
    {
        sqrtAlphaCumprod.Dispose();
        sqrtOneMinusAlphaCumprod.Dispose();
        sqrtRecipAlphaCumprod.Dispose();
        sqrtRecipAlphaCumprodMinusOne.Dispose();
        AlphasCumprod.Dispose();
    }
}
