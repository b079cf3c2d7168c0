using static MedVid.Engine.torch;

namespace MedVid.Engine.Modules;

/// <summary>A lookup table of N(0, 1)-initialised vectors indexed by int64 tensors.</summary>
public sealed class Embedding : nn.Module<Tensor, Tensor>
{
    public Embedding(long numEmbeddings, long embeddingDim, Device? device = null, ScalarType dtype = float32, Generator? generator = null)
        : base(nameof(Embedding))
    {
        weight = new nn.Parameter(randn([numEmbeddings, embeddingDim], dtype, device, generator: generator));
        register_parameter(nameof(weight), weight);
    }

    public nn.Parameter weight { get; }

    public override Tensor forward(Tensor indices) => nn.functional.embedding(indices, weight);
}
