using MedVid.Engine.Modules;

namespace MedVid.Engine;

public static partial class torch
{
    /// <summary>Module factories named as in TorchSharp (torch.nn.Linear(...) etc.).</summary>
    public static partial class nn
    {
        public static Modules.Linear Linear(long inFeatures, long outFeatures, bool hasBias = true, Device? device = null, ScalarType dtype = float32) =>
            new(inFeatures, outFeatures, hasBias, device, dtype);

        public static Modules.Conv1d Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool hasBias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, hasBias);

        public static Modules.Conv2d Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool hasBias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, hasBias);

        public static Modules.Conv3d Conv3d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool hasBias = true) =>
            new(inChannels, outChannels, kernelSize, stride, padding, dilation, groups, hasBias);

        public static Modules.LayerNorm LayerNorm(long normalizedSize, double eps = 1e-5, bool elementwiseAffine = true) => new(normalizedSize, eps, elementwiseAffine);

        public static Modules.GroupNorm GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true) => new(numGroups, numChannels, eps, affine);

        public static Modules.Embedding Embedding(long numEmbeddings, long embeddingDim) => new(numEmbeddings, embeddingDim);

        public static Modules.Dropout Dropout(double p = 0.5) => new(p);

        public static Modules.Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);

        public static ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);

        public static GELU GELU() => new();

        public static SiLU SiLU() => new();

        public static ReLU ReLU() => new();

        public static Tanh Tanh() => new();
    }
}
