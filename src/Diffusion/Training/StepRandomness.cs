using static TorchSharp.torch;

namespace MedVid.Diffusion.Training;

/// <summary>
/// All random draws of one training step, from one generator seeded Mix(seed, StepNoise, step),
/// in a fixed order: timesteps t ~ U{0..T−1} [B], noise ε shaped like the latents (<see cref="NoiseSchedule.DrawNoise"/>), then
/// u ~ U[0,1) [B] with caption dropped where u &lt; p. CPU tensors in the caller's scope.
/// </summary>
public sealed record StepRandomness(Tensor Timesteps, Tensor Noise, Tensor DropCaption)
{
    public static StepRandomness Draw(ulong seed, long step, long[] latentShape, NoiseSchedule schedule, double captionDropout)
    {
        using var generator = new Generator(SeedMixer.Mix(seed, RandomStream.StepNoise, step));
        var batch = latentShape[0];
        var timesteps = randint(0, schedule.TrainSteps, [batch], int64, CPU, generator: generator);
        var noise = schedule.DrawNoise(latentShape, generator);
        var drop = rand([batch], float32, CPU, generator: generator).lt(captionDropout);
        return new StepRandomness(timesteps, noise, drop);
    }
}
