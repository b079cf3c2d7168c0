using static TorchSharp.torch;

namespace MedVid.Diffusion.Training;

/// <summary>
/// All random draws of one training step, from one generator seeded Mix(seed, StepNoise, step),
/// in a fixed order: timesteps t [B] (U{0..T−1}, or logit-normal with <see cref="TrainingConfig.TimestepLogitStd"/>), noise ε shaped like the latents (<see cref="NoiseSchedule.DrawNoise"/>), then
/// u ~ U[0,1) [B] with caption dropped where u &lt; p. CPU tensors in the caller's scope.
/// </summary>
public sealed record StepRandomness(Tensor Timesteps, Tensor Noise, Tensor DropCaption)
{
    public static StepRandomness Draw(ulong seed, long step, long[] latentShape, NoiseSchedule schedule, double captionDropout,
        double timestepLogitStd = 0)
    {
        using var generator = new Generator(SeedMixer.Mix(seed, RandomStream.StepNoise, step));
        var batch = latentShape[0];
        var timesteps = DrawTimesteps(batch, schedule.TrainSteps, timestepLogitStd, generator);
        var noise = schedule.DrawNoise(latentShape, generator);
        var drop = rand([batch], float32, CPU, generator: generator).lt(captionDropout);
        return new StepRandomness(timesteps, noise, drop);
    }

    private static Tensor DrawTimesteps(long batch, int trainSteps, double logitStd, Generator generator)
    {
        if (logitStd == 0) return randint(0, trainSteps, [batch], int64, CPU, generator: generator);
        var fraction = sigmoid(randn([batch], float64, CPU, generator: generator) * logitStd);
        return (fraction * trainSteps).floor().clamp(0, trainSteps - 1).to(int64);
    }
}
