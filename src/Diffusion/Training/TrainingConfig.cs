namespace MedVid.Diffusion.Training;

/// <summary>
/// Hyper-parameters of diffusion training (docs/diffusion.md, "Training step"; Bora/Open-Sora and MedSora
/// settings as defaults). WarmupSteps ramps the rate linearly from LearningRate/WarmupSteps;
/// with CosineTotalSteps set, the rate then decays by a half cosine to MinLearningRateFactor ×
/// LearningRate at that step, otherwise it stays constant. EmaWarmup uses the decay
/// min(EmaDecay, (1+n)/(10+n)) so short runs get a useful average; without it 0.9999 barely
/// moves from the initial weights for the first ten thousand steps.
/// </summary>
public sealed record TrainingConfig
{
    public ulong Seed { get; init; }

    public int BatchSize { get; init; } = 4;

    public double LearningRate { get; init; } = 1e-4;

    public int WarmupSteps { get; init; } = 1000;

    public int? CosineTotalSteps { get; init; }

    public double MinLearningRateFactor { get; init; }

    /// <summary>AdamW's decoupled weight decay; Open-Sora (which Bora fine-tunes) trains with 0.</summary>
    public double WeightDecay { get; init; }

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.999;

    public double AdamEpsilon { get; init; } = 1e-8;

    /// <summary>Max global L2 norm of the gradients; 0 or less measures the norm without clipping.</summary>
    public double GradientClip { get; init; } = 1.0;

    public double EmaDecay { get; init; } = 0.9999;

    public bool EmaWarmup { get; init; } = true;

    /// <summary>
    /// Per-sample weight of the ε loss: min(1/ᾱ_t, cap), i.e. the error of the implied x0 estimate, truncated (1 = the
    /// plain ε loss). ε-prediction spends almost all its loss on low noise, where x_t alone gives the answer away; the
    /// prompt decides global attributes (modality, colour) at high noise, which this weight brings back into the loss
    /// (docs/benchmarks-phantoms.md has the ablation).
    /// </summary>
    public double LossWeightCap { get; init; } = 1;

    /// <summary>
    /// What the network learns to output: ε (the default, and what a trainer.json without the field means) or v. The
    /// schedule a run trains on is the trainer's <see cref="NoiseSchedule"/>; a zero-terminal-SNR one needs v.
    /// </summary>
    public PredictionType Prediction { get; init; } = PredictionType.Epsilon;

    /// <summary>
    /// How training timesteps are drawn: 0 (the default) uniformly over 0..T−1; s &gt; 0 from a logit-normal, t = ⌊T·σ(s·n)⌋
    /// with n ~ N(0, 1) (Esser et al. 2024, SD3's "lognorm(0, 1)" at s = 1), which spends more steps at mid noise,
    /// where x_t and the prompt decide the video together, and fewer at the ends.
    /// </summary>
    public double TimestepLogitStd { get; init; }

    /// <summary>
    /// Weight λ ≥ 1 of the part of the loss that changes from frame to frame (<see cref="LossWeighting.Mse"/>); 1 (the
    /// default) is the plain loss. A video's motion (a beat, a flow) is a small share of its pixels' variance, so the plain
    /// loss spends the model's capacity on appearance first; λ &gt; 1 moves it to the dynamics without changing the optimum.
    /// </summary>
    public double MotionLossWeight { get; init; } = 1;

    /// <summary>Probability per sample of training on the null caption (what makes CFG possible).</summary>
    public double CaptionDropout { get; init; } = 0.1;

    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize));
        if (LearningRate <= 0) throw new ArgumentOutOfRangeException(nameof(LearningRate));
        if (WarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(WarmupSteps));
        if (CaptionDropout is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(CaptionDropout));
        if (EmaDecay is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(EmaDecay));
        if (TimestepLogitStd is < 0 or > 4 || double.IsNaN(TimestepLogitStd))
            throw new ArgumentOutOfRangeException(nameof(TimestepLogitStd), "the timestep logit spread is between 0 (uniform) and 4");
        if (MotionLossWeight is < 1 or > 16 || double.IsNaN(MotionLossWeight))
            throw new ArgumentOutOfRangeException(nameof(MotionLossWeight), "the motion loss weight is between 1 (plain loss) and 16");
        if (LossWeightCap < 1) throw new ArgumentOutOfRangeException(nameof(LossWeightCap), "the loss weight cap is at least 1 (1: plain ε loss)");
        // The v loss already is the ε loss × 1/ᾱ_t; a cap on top would weight high noise twice.
        if (LossWeightCap != 1 && Prediction != PredictionType.Epsilon)
            throw new ArgumentOutOfRangeException(nameof(LossWeightCap), "the loss weight cap applies to ε-prediction only");
    }
}

/// <summary>What one optimizer step reports. Step counts completed steps (the first report has Step 1).</summary>
public sealed record TrainingReport(long Step, double Loss, double LearningRate, double GradNorm, double SamplesPerSecond, int BatchSize);
