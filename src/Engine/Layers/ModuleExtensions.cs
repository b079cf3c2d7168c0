using static TorchSharp.torch;

namespace MedVid.Engine.Layers;

/// <summary>PyTorch's Module.requires_grad_, which TorchSharp 0.107 does not have.</summary>
public static class ModuleExtensions
{
    /// <summary>Sets requires_grad on every parameter (false freezes the module); returns the module.</summary>
    public static T requires_grad_<T>(this T module, bool requiresGrad = true) where T : nn.Module
    {
        foreach (var parameter in module.parameters()) parameter.requires_grad = requiresGrad;
        return module;
    }
}
