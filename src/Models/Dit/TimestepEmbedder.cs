using MedVid.Engine.Layers;
using TorchSharp.Modules;
using MedVid.Models.Layers;
using static TorchSharp.torch;

namespace MedVid.Models.Dit;

/// <summary>Diffusion timestep → sinusoidal features → Linear, SiLU, Linear → [B, hidden].</summary>
public sealed class TimestepEmbedder : nn.Module<Tensor, Tensor>
{
    private readonly int frequencyDim;

    public TimestepEmbedder(int hidden, int frequencyDim, Generator? generator = null) : base(nameof(TimestepEmbedder))
    {
        this.frequencyDim = frequencyDim;
        fc1 = SeededLayers.Linear(frequencyDim, hidden, generator: generator);
        fc2 = SeededLayers.Linear(hidden, hidden, generator: generator);
        register_module(nameof(fc1), fc1);
        register_module(nameof(fc2), fc2);
        // DiT/PixArt: N(0, 0.02) for the timestep MLP.
        ModelInit.Normal(fc1.weight, 0.02, generator);
        ModelInit.Normal(fc2.weight, 0.02, generator);
    }

    public readonly Linear fc1;

    public readonly Linear fc2;

    public override Tensor forward(Tensor timesteps)
    {
        using var scope = NewDisposeScope();
        // The features are computed in float32; a model held in another dtype (bf16 training) takes them in its own.
        var features = SinCosEmbedding.Timesteps(timesteps, frequencyDim).to(fc1.weight!.dtype);
        return fc2.forward(nn.functional.silu(fc1.forward(features))).MoveToOuterDisposeScope();
    }
}
