using System.Diagnostics;
using MedVid.Engine.Optimizers;
using MedVid.Models.Dit;
using static TorchSharp.torch;

namespace MedVid.GpuBench;

/// <summary>
/// One DiT training step as the bench times it: epsilon MSE (in float32) and AdamW (lr 1e-4, weight decay 0.01).
/// In bf16 the optimizer keeps float32 master weights and the model runs on a bf16 copy of them: each step copies
/// the masters into the copy, runs forward and backward in bf16, and hands the bf16 gradients to the masters as
/// float32. TorchSharp 0.107 has no autocast, so this is the mixed-precision scheme both engines run
/// (stdit_torch.py does the same steps); in float32 the masters run directly.
/// </summary>
internal sealed class DitTrainingStep : IDisposable
{
    private readonly SpatialTemporalDit master;
    private readonly SpatialTemporalDit? compute; // the bf16 copy, when training in bf16
    private readonly ScalarSafeAdamW optimizer;
    private readonly Tensor latents, noise, timesteps, context, mask;
    private readonly Device device;

    public DitTrainingStep(DitConfig config, BatchShape shape, Device device, ScalarType dtype, ulong seed = 0)
    {
        this.device = device;
        using var generator = new Generator(seed);
        master = new SpatialTemporalDit(config, generator).to(device);
        if (dtype != ScalarType.Float32)
        {
            compute = new SpatialTemporalDit(config, generator).to(device).to(dtype);
        }
        optimizer = new ScalarSafeAdamW(master.parameters(), lr: 1e-4, weightDecay: 0.01);
        var latentShape = new long[] { shape.Batch, config.InChannels, shape.Frames, shape.Latent, shape.Latent };
        latents = randn(latentShape, generator: generator).to(dtype, device);
        noise = randn(latentShape, generator: generator).to(device);
        timesteps = randint(0, 1000, [shape.Batch], generator: generator).to(device);
        context = randn([shape.Batch, shape.Text, config.TextDim], generator: generator).to(dtype, device);
        // Later samples have padded caption tails, as real batches do (every sample keeps at least one token).
        var valid = new bool[shape.Batch * shape.Text];
        for (var b = 0; b < shape.Batch; b++)
            for (var i = 0; i < shape.Text; i++) valid[b * shape.Text + i] = i < Math.Max(1, shape.Text - 4 * b);
        mask = tensor(valid, [shape.Batch, shape.Text]).to(device);
    }

    public long ParameterCount => master.parameters().Sum(p => p.numel());

    public IEnumerable<Tensor> MasterParameters => master.parameters();

    public Tensor? ComputeWeight => compute?.parameters().First();

    /// <summary>Runs one step and returns the loss (a float32 scalar owned by the caller).</summary>
    public Tensor Step()
    {
        using var scope = NewDisposeScope();
        var model = compute ?? master;
        model.zero_grad();
        if (compute is not null)
        {
            using var noGrad = no_grad();
            foreach (var (copy, weight) in compute.parameters().Zip(master.parameters())) copy.copy_(weight);
        }
        var loss = nn.functional.mse_loss(model.forward(latents, timesteps, context, mask).to(float32), noise);
        loss.backward();
        if (compute is not null)
        {
            foreach (var (copy, weight) in compute.parameters().Zip(master.parameters()))
            {
                weight.grad = copy.grad!.to(float32);
                copy.grad = null;
            }
        }
        optimizer.step();
        return loss.detach().MoveToOuterDisposeScope();
    }

    /// <summary>Milliseconds per step over <paramref name="steps"/> steps after <paramref name="warmup"/>, waiting for the device at both ends.</summary>
    public (double MsPerStep, double FinalLoss) Time(int warmup, int steps)
    {
        for (var i = 0; i < warmup; i++) Step().Dispose();
        Synchronize();
        var clock = Stopwatch.StartNew();
        Tensor? loss = null;
        for (var i = 0; i < steps; i++)
        {
            loss?.Dispose();
            loss = Step();
        }
        Synchronize();
        var ms = clock.Elapsed.TotalMilliseconds / steps;
        using (loss) return (ms, loss!.ToDouble());
    }

    private void Synchronize()
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize(device);
    }

    public void Dispose()
    {
        optimizer.Dispose();
        foreach (var t in new[] { latents, noise, timesteps, context, mask }) t.Dispose();
        compute?.Dispose();
        master.Dispose();
    }
}
