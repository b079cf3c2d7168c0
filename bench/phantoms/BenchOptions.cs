using MedVid.Diffusion.Sampling;
using System.Globalization;

namespace MedVid.PhantomsBench;

/// <summary>Command-line options. Without --steps the three trainings share --minutes of wall time (see <see cref="Budget"/>).</summary>
public sealed record BenchOptions
{
    public double Minutes { get; init; } = 30;
    public long? Steps { get; init; }
    public long? VaeSteps { get; init; }
    public string Size { get; init; } = "mini-4x";
    public int Frames { get; init; } = 16;
    public double Fps { get; init; } = 12;
    public int Resolution { get; init; } = 64;
    public int ClipsPerModality { get; init; } = 96;
    public int PromptsPerModality { get; init; } = 4;
    public double Guidance { get; init; } = 4;
    /// <summary>φ of the guidance rescale (Lin et al. 2023): 0 plain guidance, 1 the guided output at the conditional one's spread.</summary>
    public double GuidanceRescale { get; init; }
    /// <summary>η of projected guidance (Sadat et al. 2024): the weight of the guidance's part parallel to the conditional x̂0; 1 plain guidance.</summary>
    public double GuidanceParallel { get; init; } = 1;
    /// <summary>The timesteps that are guided (Kynkäänniemi et al. 2024), "FROM,TO"; null guides every step.</summary>
    public GuidanceInterval? GuidanceInterval { get; init; }
    public int SampleSteps { get; init; } = 25;
    public int BatchSize { get; init; } = 4;
    public int VaeBatchSize { get; init; } = 2;
    public double LearningRate { get; init; } = 5e-4;
    public double VaeLearningRate { get; init; } = 1e-3;
    /// <summary>Focal Frequency Loss weight of the VAE (MedSora 3.2; 0 = L1 + KL only).</summary>
    public double VaeFrequencyWeight { get; init; }
    public int Seed { get; init; } = 7;
    public int? Threads { get; init; }
    public bool Keep { get; init; }
    public double VaeShare { get; init; } = 0.5;
    /// <summary>
    /// A time-boxed VAE also stops here, and the diffusion models get the minutes it left unused. 0 (default): the VAE
    /// trains for all of its share. Its reconstructions keep what the estimators read by about 1,000 steps, but the
    /// default run that capped it at 1,200 drew no cells (docs/benchmarks-phantoms.md, seventh session), so no cap.
    /// </summary>
    public long VaeMaxSteps { get; init; }
    /// <summary>Ablation switches (docs/benchmarks-phantoms.md): the pooled-text adaLN path, and the caption dropout of the conditional model.</summary>
    public bool PooledText { get; init; } = true;
    /// <summary>The text encoder reads each number's value at its digits (run hyperparameter number_values).</summary>
    public bool NumberValues { get; init; } = true;
    /// <summary>0: the numbers' digit tokens share one embedding, read by value only (run hyperparameter number_digits).</summary>
    public bool NumberDigits { get; init; } = true;
    public double CaptionDropout { get; init; } = 0.1;
    public double LossWeightCap { get; init; } = 1;
    /// <summary>A VAE checkpoint folder of an earlier run (kept with --keep) to start from instead of training one.</summary>
    public string? VaeFrom { get; init; }
    /// <summary>A conditional model's checkpoint folder to sample from instead of training one (sampler ablations: --guidance, --sample-steps).</summary>
    public string? ConditionalFrom { get; init; }
    /// <summary>Skips the unconditional floor (ablation rows compare conditional models on one VAE).</summary>
    public bool SkipUnconditional { get; init; }
    /// <summary>Ablation switches of the fourth session: v-prediction (on by default, as for runs), the zero-terminal-SNR schedule, the sampler's spacing.</summary>
    public bool VPrediction { get; init; } = true;
    public bool ZeroTerminalSnr { get; init; }
    /// <summary>DDIM timestep spacing; a zero-terminal-SNR model always samples with "trailing".</summary>
    public string Spacing { get; init; } = "leading";
    /// <summary>Share of the diffusion noise common to all frames of a clip (run hyperparameter frame_noise_share; 0 = independent).</summary>
    public double FrameNoiseShare { get; init; } = 0.5;
    /// <summary>Spread of the logit-normal training timesteps (run hyperparameter timestep_logit_std; 0 = uniform).</summary>
    public double TimestepLogitStd { get; init; } = 1;

    /// <summary>
    /// Train the conditional and the unconditional model at the same time, each on half the threads (default). At the
    /// bench's sizes a second intra-op thread adds almost nothing to one run, so side by side both get about twice the
    /// steps in the same minutes. 0: one after the other on all threads, as until 2026-12-07.
    /// </summary>
    public bool SideBySide { get; init; } = true;

    /// <summary>Training clips' heart rates, speeds and articulator rates on a grid (<see cref="PromptSets.OnGrid"/>); 0: as drawn.</summary>
    public bool ValueGrid { get; init; }

    /// <summary>Endoscopy captions and prompts without a polyp say "healthy mucosa", never "no polyp" (<see cref="PromptSets.WithUnnamedAbsence"/>).</summary>
    public bool UnnamedAbsence { get; init; }

    /// <summary>Weight of the loss's frame-to-frame part (run hyperparameter motion_loss_weight; 1 = the plain loss).</summary>
    public double MotionLossWeight { get; init; } = 1;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--minutes" => o with { Minutes = Number() },
                "--steps" => o with { Steps = (long)Number() },
                "--vae-steps" => o with { VaeSteps = (long)Number() },
                "--size" => o with { Size = Next() },
                "--frames" => o with { Frames = (int)Number() },
                "--fps" => o with { Fps = Number() },
                "--resolution" => o with { Resolution = (int)Number() },
                "--clips" => o with { ClipsPerModality = (int)Number() },
                "--prompts" => o with { PromptsPerModality = (int)Number() },
                "--guidance" => o with { Guidance = Number() },
                "--guidance-rescale" => o with { GuidanceRescale = Number() },
                "--guidance-parallel" => o with { GuidanceParallel = Number() },
                "--guidance-interval" => o with { GuidanceInterval = Interval(Next()) },
                "--sample-steps" => o with { SampleSteps = (int)Number() },
                "--batch" => o with { BatchSize = (int)Number() },
                "--vae-batch" => o with { VaeBatchSize = (int)Number() },
                "--lr" => o with { LearningRate = Number() },
                "--vae-lr" => o with { VaeLearningRate = Number() },
                "--vae-ffl" => o with { VaeFrequencyWeight = Number() },
                "--seed" => o with { Seed = (int)Number() },
                "--threads" => o with { Threads = (int)Number() },
                "--keep" => o with { Keep = true },
                "--vae-share" => o with { VaeShare = Number() },
                "--vae-max-steps" => o with { VaeMaxSteps = (long)Number() },
                "--pooled-text" => o with { PooledText = Number() != 0 },
                "--number-values" => o with { NumberValues = Number() != 0 },
                "--number-digits" => o with { NumberDigits = Number() != 0 },
                "--caption-dropout" => o with { CaptionDropout = Number() },
                "--loss-weight-cap" => o with { LossWeightCap = Number() },
                "--vae-from" => o with { VaeFrom = Next() },
                "--conditional-from" => o with { ConditionalFrom = Next() },
                "--skip-unconditional" => o with { SkipUnconditional = true },
                "--v-prediction" => o with { VPrediction = Number() != 0 },
                "--zero-terminal-snr" => o with { ZeroTerminalSnr = Number() != 0 },
                "--spacing" => o with { Spacing = Next() },
                "--frame-noise-share" => o with { FrameNoiseShare = Number() },
                "--timestep-logit-std" => o with { TimestepLogitStd = Number() },
                "--motion-loss-weight" => o with { MotionLossWeight = Number() },
                "--side-by-side" => o with { SideBySide = Number() != 0 },
                "--value-grid" => o with { ValueGrid = Number() != 0 },
                "--unnamed-absence" => o with { UnnamedAbsence = Number() != 0 },
                _ => throw new ArgumentException($"unknown option {args[i]}; see bench/phantoms/run.sh"),
            };
        }
        if (o.Resolution % 16 != 0 || o.Resolution < 32) throw new ArgumentException("--resolution must be a multiple of 16, at least 32");
        if (o.Frames < 2) throw new ArgumentException("--frames must be at least 2");
        if (o.Minutes <= 0) throw new ArgumentException("--minutes must be positive");
        if (o.VaeShare is <= 0 or >= 1) throw new ArgumentException("--vae-share must be between 0 and 1");
        if (o.VaeMaxSteps < 0) throw new ArgumentException("--vae-max-steps must be 0 (no cap) or a step count");
        if (o.CaptionDropout is < 0 or >= 1) throw new ArgumentException("--caption-dropout must be at least 0 and below 1");
        if (!o.NumberDigits && !o.NumberValues) throw new ArgumentException("--number-digits 0 needs --number-values 1: the numbers are then read by their values alone");
        if (o.ZeroTerminalSnr && !o.VPrediction) throw new ArgumentException("--zero-terminal-snr 1 needs --v-prediction 1");
        if (o.VPrediction && o.LossWeightCap != 1) throw new ArgumentException("--loss-weight-cap applies to ε-prediction only: add --v-prediction 0");
        if (o.GuidanceRescale is < 0 or > 1) throw new ArgumentException("--guidance-rescale must be between 0 and 1");
        if (o.GuidanceParallel is < 0 or > 1) throw new ArgumentException("--guidance-parallel must be between 0 and 1");
        if (o.FrameNoiseShare is < 0 or > 0.99) throw new ArgumentException("--frame-noise-share must be between 0 and 0.99");
        if (o.TimestepLogitStd is < 0 or > 4) throw new ArgumentException("--timestep-logit-std must be between 0 (uniform) and 4");
        if (!(o.MotionLossWeight is >= 1 and <= 16)) throw new ArgumentException("--motion-loss-weight must be between 1 (plain loss) and 16");
        if (o.Spacing is not ("leading" or "trailing")) throw new ArgumentException("--spacing is leading or trailing");
        if (o.VaeFrom is { } vae && !File.Exists(Path.Combine(vae, "model.json"))) throw new ArgumentException($"--vae-from {vae} is not a checkpoint folder (no model.json)");
        if (o.ConditionalFrom is { } conditional && !File.Exists(Path.Combine(conditional, "model.json"))) throw new ArgumentException($"--conditional-from {conditional} is not a checkpoint folder (no model.json)");
        if (o.ConditionalFrom is not null && o.VaeFrom is null) throw new ArgumentException("--conditional-from needs --vae-from: the VAE the conditional model was trained on");
        return o;
    }

    private static GuidanceInterval Interval(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var from) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var to) || from < 0 || to < from)
            throw new ArgumentException($"--guidance-interval is FROM,TO in timesteps with 0 ≤ FROM ≤ TO, not '{text}'");
        return new GuidanceInterval(from, to);
    }

    /// <summary>
    /// Wall-time shares of --minutes: the VAE gets --vae-share (unless --vae-steps or --vae-from), the diffusion models the
    /// rest (unless --steps) and whatever a VAE stopped by --vae-max-steps left of its share. Side by side, both diffusion
    /// models train for all of it, each to its own deadline; one after the other, the conditional model gets half of it and
    /// the unconditional model then trains exactly as many steps as the conditional one reached. The per-frame VAE on 64 px
    /// frames costs far more per step than the DiT on its latents, hence the VAE's large default share.
    /// </summary>
    public TimeSpan VaeBudget => TimeSpan.FromMinutes(Minutes * VaeShare);

    /// <summary>The VAE trains to a deadline (its share of --minutes), not to a step count the user gave, nor is it loaded.</summary>
    public bool VaeTimeBoxed => VaeSteps is null && VaeFrom is null;

    /// <summary>The VAE run's step count: --vae-steps, else --vae-max-steps (its deadline may stop it first), else until the deadline.</summary>
    public long VaeRunSteps => VaeSteps ?? (VaeMaxSteps > 0 ? VaeMaxSteps : BenchSteps.UntilTheDeadline);

    /// <param name="vaeUnused">What a time-boxed VAE left of its share by reaching --vae-max-steps first.</param>
    public TimeSpan ConditionalBudget(TimeSpan vaeUnused) =>
        (TimeSpan.FromMinutes(Minutes * (1 - VaeShare)) + (VaeTimeBoxed && vaeUnused > TimeSpan.Zero ? vaeUnused : TimeSpan.Zero)) / (TrainsSideBySide ? 1 : 2);

    /// <summary>Side by side needs two models to train: not with --skip-unconditional or --conditional-from.</summary>
    public bool TrainsSideBySide => SideBySide && !SkipUnconditional && ConditionalFrom is null;
}
