using MedVid.Contracts.Training;
using MedVid.Diffusion;
using MedVid.Diffusion.Training;

namespace MedVid.Training.Runs;

/// <summary>A run's hyperparameters with the defaults filled in (names and ranges: <see cref="TrainingHyperparameters"/>).</summary>
public sealed record RunSettings(IReadOnlyDictionary<string, double> Values, long TotalSteps)
{
    public ulong Seed => (ulong)TrainingHyperparameters.GetInt(Values, "seed");
    public int BatchSize => TrainingHyperparameters.GetInt(Values, "batch_size");
    public int Frames => TrainingHyperparameters.GetInt(Values, "frames");
    public int Resolution => TrainingHyperparameters.GetInt(Values, "resolution");
    public double Fps => TrainingHyperparameters.Get(Values, "fps");
    public int CheckpointEvery => TrainingHyperparameters.GetInt(Values, "checkpoint_every");
    public int KeepCheckpoints => TrainingHyperparameters.GetInt(Values, "keep_checkpoints");
    public int SampleSteps => TrainingHyperparameters.GetInt(Values, "sample_steps");
    public int JointImages => TrainingHyperparameters.GetInt(Values, "joint_images");
    public double CaptionDropout => TrainingHyperparameters.Get(Values, "caption_dropout");
    public double LearningRate => TrainingHyperparameters.Get(Values, "lr");
    public int WarmupSteps => TrainingHyperparameters.GetInt(Values, "warmup_steps");
    public int LoraRank => TrainingHyperparameters.GetInt(Values, "lora_rank");
    public double LoraAlpha => TrainingHyperparameters.Get(Values, "lora_alpha");
    public bool LoraMerge => TrainingHyperparameters.GetInt(Values, "lora_merge") == 1;
    public bool PooledText => TrainingHyperparameters.GetInt(Values, "pooled_text") == 1;

    public bool NumberValues => TrainingHyperparameters.GetInt(Values, "number_values") == 1;
    public bool NumberDigits => TrainingHyperparameters.GetInt(Values, "number_digits") == 1;
    public int ProbeEvery => TrainingHyperparameters.GetInt(Values, "probe_every");
    public bool PhantomReadout => TrainingHyperparameters.GetInt(Values, "phantom_readout") == 1;
    public PredictionType Prediction => TrainingHyperparameters.GetInt(Values, "v_prediction") == 1 ? PredictionType.V : PredictionType.Epsilon;
    public bool ZeroTerminalSnr => TrainingHyperparameters.GetInt(Values, "zero_terminal_snr") == 1;
    public double FrameNoiseShare => TrainingHyperparameters.Get(Values, "frame_noise_share");

    public AutoencoderSettings Autoencoder => new(Seed, BatchSize, LearningRate, WarmupSteps,
        TrainingHyperparameters.Get(Values, "kl_weight"), TrainingHyperparameters.Get(Values, "ffl_weight"));

    /// <summary>
    /// The diffusion trainer's configuration. Its own caption dropout is off: <see cref="Data.CaptionedLatentDataset"/>
    /// drops captions before encoding, because the jointly trained text encoder changes what the empty prompt encodes to.
    /// </summary>
    public TrainingConfig Diffusion => new()
    {
        Seed = Seed,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        WarmupSteps = WarmupSteps,
        WeightDecay = TrainingHyperparameters.Get(Values, "weight_decay"),
        GradientClip = TrainingHyperparameters.Get(Values, "grad_clip"),
        EmaDecay = TrainingHyperparameters.Get(Values, "ema_decay"),
        CaptionDropout = 0,
        LossWeightCap = TrainingHyperparameters.Get(Values, "loss_weight_cap"),
        Prediction = Prediction,
        TimestepLogitStd = TrainingHyperparameters.Get(Values, "timestep_logit_std"),
        MotionLossWeight = TrainingHyperparameters.Get(Values, "motion_loss_weight"),
    };
}
