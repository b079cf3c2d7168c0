using static TorchSharp.torch;

namespace MedVid.Diffusion;

/// <summary>
/// Parameters of the linear beta schedule (DDPM's defaults). <paramref name="ZeroTerminalSnr"/> rescales it so that
/// ᾱ at the last step is exactly 0 (Lin et al. 2023, "Common Diffusion Noise Schedules and Sample Steps are Flawed"):
/// the linear schedule leaves √ᾱ_T ≈ 0.0064, so training never shows the model pure noise while sampling starts from
/// it. Such a schedule needs v-prediction (ε-prediction cannot give x0 at ᾱ = 0) and trailing sampler timesteps.
/// A trainer.json written before the field existed reads as false.
/// <paramref name="FrameNoiseShare"/> is the share of the noise's variance that every frame of a clip has in common (Ge et
/// al. 2023, "Preserve Your Own Correlation", the mixed noise prior): ε_f = √s ε_shared + √(1 − s) ε_f. Each element is
/// still N(0, 1), but frames of one x_t are correlated by s, as frames of real videos are, so the denoiser no longer has
/// to undo independent noise in every frame. 0 (the default, and what older files mean) is plain i.i.d. noise; training
/// and sampling must use the same share, so it travels with the model (docs/diffusion.md, "Noise shared across frames").
/// </summary>
public sealed record NoiseScheduleConfig(int TrainSteps = 1000, double BetaStart = 1e-4, double BetaEnd = 0.02, bool ZeroTerminalSnr = false,
    double FrameNoiseShare = 0);

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
    private readonly Dictionary<(PredictionType, string), Tensor> conversionTables = [];

    public NoiseSchedule(NoiseScheduleConfig? config = null)
    {
        Config = config ?? new NoiseScheduleConfig();
        var n = Config.TrainSteps;
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(config), "at least 2 train steps");
        if (Config.BetaStart <= 0 || Config.BetaEnd >= 1 || Config.BetaStart > Config.BetaEnd)
            throw new ArgumentOutOfRangeException(nameof(config), "need 0 < BetaStart <= BetaEnd < 1");
        if (Config.FrameNoiseShare is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(config), "the frame noise share must be in [0, 1)");
        betas = new double[n];
        alphasCumprod = new double[n];
        var product = 1.0;
        for (var i = 0; i < n; i++)
        {
            betas[i] = Config.BetaStart + (Config.BetaEnd - Config.BetaStart) * i / (n - 1);
            product *= 1 - betas[i];
            alphasCumprod[i] = product;
        }
        if (Config.ZeroTerminalSnr) RescaleToZeroTerminalSnr(betas, alphasCumprod);
        sqrtAlphaCumprod = Table(a => Math.Sqrt(a));
        sqrtOneMinusAlphaCumprod = Table(a => Math.Sqrt(1 - a));
        AlphasCumprod = Table(a => a);
    }

    /// <summary>
    /// Lin et al.'s Algorithm 1: shift √ᾱ so that its last value is 0 and scale it so that its first value is kept,
    /// then recover the betas from consecutive ratios. The map is increasing, so every SNR keeps its order; only the
    /// last ᾱ becomes 0 (β_T = 1).
    /// </summary>
    private static void RescaleToZeroTerminalSnr(double[] betas, double[] alphasCumprod)
    {
        var first = Math.Sqrt(alphasCumprod[0]);
        var last = Math.Sqrt(alphasCumprod[^1]);
        for (var i = 0; i < alphasCumprod.Length; i++)
        {
            var shifted = (Math.Sqrt(alphasCumprod[i]) - last) * first / (first - last);
            alphasCumprod[i] = shifted * shifted;
            betas[i] = 1 - (i == 0 ? alphasCumprod[0] : alphasCumprod[i] / alphasCumprod[i - 1]);
        }
    }

    public NoiseScheduleConfig Config { get; }

    public int TrainSteps => Config.TrainSteps;

    /// <summary>ᾱ_t for every t as a float32 tensor [TrainSteps] (owned by the schedule).</summary>
    public Tensor AlphasCumprod { get; }

    public double Beta(long t) => betas[t];

    public double AlphaCumprod(long t) => alphasCumprod[t];

    /// <summary>
    /// Noise of the forward process for latents of <paramref name="shape"/> [B, C, T, H, W], drawn on the CPU in float32 from
    /// <paramref name="generator"/>: N(0, I), or with <see cref="NoiseScheduleConfig.FrameNoiseShare"/> &gt; 0 a common
    /// component per clip mixed into every frame (drawn after the per-frame noise, so a share of 0 draws exactly as before).
    /// </summary>
    public Tensor DrawNoise(long[] shape, Generator generator)
    {
        var share = Config.FrameNoiseShare;
        var independent = randn(shape, float32, CPU, generator: generator);
        if (share == 0) return independent;
        if (shape.Length != 5) throw new ArgumentException($"frame-shared noise needs [B, C, T, H, W] latents, got [{string.Join(", ", shape)}]");
        using var scope = NewDisposeScope();
        var common = randn([shape[0], shape[1], 1, shape[3], shape[4]], float32, CPU, generator: generator);
        var mixed = independent.mul_(Math.Sqrt(1 - share)).add_(common * Math.Sqrt(share));
        return mixed.MoveToOuterDisposeScope();
    }

    /// <summary>x_t = √ᾱ_t x0 + √(1 − ᾱ_t) ε, with a timestep per row (int64 [B]).</summary>
    public Tensor AddNoise(Tensor x0, Tensor noise, Tensor timesteps)
    {
        using var scope = NewDisposeScope();
        var result = PerRow(sqrtAlphaCumprod, timesteps, x0) * x0 + PerRow(sqrtOneMinusAlphaCumprod, timesteps, x0) * noise;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// What a network of <paramref name="type"/> should output for x_t = AddNoise(x0, ε, t): ε itself, or
    /// v = √ᾱ_t ε − √(1 − ᾱ_t) x0 (<see cref="Parameterization.TargetCoefficients"/>).
    /// </summary>
    public Tensor Target(PredictionType type, Tensor x0, Tensor noise, Tensor timesteps)
    {
        using var scope = NewDisposeScope();
        var onX0 = Conversion(type, "target-x0", a => Parameterization.TargetCoefficients(type, a).OnX0);
        var onNoise = Conversion(type, "target-noise", a => Parameterization.TargetCoefficients(type, a).OnNoise);
        var result = PerRow(onX0, timesteps, x0) * x0 + PerRow(onNoise, timesteps, noise) * noise;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// x̂0 from x_t and a network output of <paramref name="type"/>; for ε, 1/√ᾱ_t · x_t − √(1/ᾱ_t − 1) · ε̂. The default
    /// type keeps the ε-only callers as they were.
    /// </summary>
    public Tensor PredictX0(Tensor noisy, Tensor output, Tensor timesteps, PredictionType type = PredictionType.Epsilon) =>
        Combine(type, "x0", c => c.X0FromSample, c => c.X0FromOutput, noisy, output, timesteps);

    /// <summary>ε̂ from x_t and a network output of <paramref name="type"/> (the output itself for ε).</summary>
    public Tensor PredictNoise(Tensor noisy, Tensor output, Tensor timesteps, PredictionType type) =>
        Combine(type, "noise", c => c.NoiseFromSample, c => c.NoiseFromOutput, noisy, output, timesteps);

    private Tensor Combine(PredictionType type, string name, Func<OutputCoefficients, double> onSample, Func<OutputCoefficients, double> onOutput,
        Tensor noisy, Tensor output, Tensor timesteps)
    {
        using var scope = NewDisposeScope();
        var sample = Conversion(type, name + "-sample", a => onSample(Parameterization.Coefficients(type, a)));
        var fromOutput = Conversion(type, name + "-output", a => onOutput(Parameterization.Coefficients(type, a)));
        var result = PerRow(sample, timesteps, noisy) * noisy + PerRow(fromOutput, timesteps, output) * output;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>A per-timestep coefficient table, built once in float64 and kept as float32.</summary>
    private Tensor Conversion(PredictionType type, string name, Func<double, double> f)
    {
        lock (conversionTables)
        {
            if (!conversionTables.TryGetValue((type, name), out var table))
                conversionTables[(type, name)] = table = Table(f);
            return table;
        }
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
        foreach (var table in conversionTables.Values) table.Dispose();
        AlphasCumprod.Dispose();
    }
}
