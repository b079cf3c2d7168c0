using static TorchSharp.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>
/// Shadow copies of parameters updated as ema ← ema + (1 − d)(p − ema) after each step,
/// with the warm-up decay d = min(decay, (1 + n) / (10 + n)) used by diffusion training.
/// The step counter n is part of the state dict ("step"), so resuming continues the warm-up.
/// </summary>
public sealed class ExponentialMovingAverage : IDisposable
{
    private readonly (string Name, Tensor Source, Tensor Shadow)[] entries;

    public ExponentialMovingAverage(nn.Module module, double decay = 0.9999, bool warmup = true)
        : this(module.named_parameters().Select(x => (x.name, (Tensor)x.parameter)), decay, warmup)
    {
    }

    /// <summary>
    /// Averages only the given named tensors, e.g. a module's trainable parameters, so frozen
    /// weights cost no shadow memory. <see cref="CopyTo"/> then writes just these names.
    /// </summary>
    public ExponentialMovingAverage(IEnumerable<(string name, Tensor parameter)> parameters, double decay = 0.9999, bool warmup = true)
    {
        Decay = decay;
        Warmup = warmup;
        using var noGrad = no_grad();
        // The shadows live as long as the EMA, outside any dispose scope.
        entries = parameters
            .Select(x => (x.name, x.parameter, x.parameter.detach().clone().DetachFromDisposeScope()))
            .ToArray();
    }

    public double Decay { get; }

    public bool Warmup { get; }

    public long StepCount { get; private set; }

    /// <summary>The decay the next update will use.</summary>
    public double CurrentDecay => Warmup ? Math.Min(Decay, (1.0 + StepCount) / (10.0 + StepCount)) : Decay;

    public void step()
    {
        // The weight held for the whole update: an implicit temporary could be finalized mid-call (see ScalarSafeAdamW).
        using var weight = tensor(1 - CurrentDecay);
        using (no_grad())
            foreach (var (_, source, shadow) in entries)
                shadow.lerp_(source, weight);
        StepCount++;
    }

    /// <summary>The shadow tensors by parameter name (the EMA's own tensors: do not dispose).</summary>
    public IReadOnlyDictionary<string, Tensor> Shadows => entries.ToDictionary(e => e.Name, e => e.Shadow);

    /// <summary>Copies the averaged weights into a module with the same parameter names.</summary>
    public void CopyTo(nn.Module module)
    {
        var target = module.named_parameters().ToDictionary(x => x.name, x => x.parameter);
        using var noGrad = no_grad();
        foreach (var (name, _, shadow) in entries) target[name].copy_(shadow);
    }

    /// <summary>Shadows under their parameter names plus "step" (int64 scalar). Values are new handles.</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var result = entries.ToDictionary(e => e.Name, e => e.Shadow.alias());
        result["step"] = tensor(StepCount);
        return result;
    }

    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        using (no_grad())
            foreach (var (name, _, shadow) in entries)
                shadow.copy_(state.TryGetValue(name, out var value) ? value : throw new ArgumentException($"EMA state lacks '{name}'"));
        StepCount = state.TryGetValue("step", out var step) ? step.item<long>() : throw new ArgumentException("EMA state lacks 'step'");
    }

    public void Dispose()
    {
        foreach (var (_, _, shadow) in entries) shadow.Dispose();
    }
}
