using static TorchSharp.torch;

namespace MedVid.Models;

/// <summary>
/// Freezes and unfreezes parameters by dotted-name pattern (see <see cref="NamePattern"/>), e.g.
/// Bora's modal-alignment stage: <c>Freezing.Freeze(dit, "blocks.*.attn_temp")</c>. A frozen
/// parameter has requires_grad = false, so backward leaves its grad undefined and an optimizer
/// skips it. A pattern that selects nothing throws, so a misspelt name cannot silently train
/// (or freeze) the wrong thing.
/// </summary>
public static class Freezing
{
    /// <summary>Freezes every parameter selected by any pattern; returns how many were selected.</summary>
    public static int Freeze(nn.Module module, params string[] patterns) => SetRequiresGrad(module, false, patterns);

    /// <summary>Unfreezes every parameter selected by any pattern; returns how many were selected.</summary>
    public static int Unfreeze(nn.Module module, params string[] patterns) => SetRequiresGrad(module, true, patterns);

    public static void FreezeAll(nn.Module module) => module.requires_grad_(false);

    public static void UnfreezeAll(nn.Module module) => module.requires_grad_(true);

    /// <summary>The parameters an optimizer should receive (those with requires_grad).</summary>
    public static IReadOnlyList<Parameter> TrainableParameters(nn.Module module) =>
        module.parameters().Where(p => p.requires_grad).ToList();

    public static IReadOnlyList<string> FrozenParameterNames(nn.Module module) =>
        module.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name).ToList();

    private static int SetRequiresGrad(nn.Module module, bool requiresGrad, string[] patterns)
    {
        if (patterns.Length == 0) throw new ArgumentException("give at least one name pattern", nameof(patterns));
        var total = 0;
        foreach (var pattern in patterns.Select(p => new NamePattern(p)))
        {
            var selected = module.named_parameters().Where(p => pattern.Selects(p.name)).ToList();
            if (selected.Count == 0) throw new ArgumentException($"pattern '{pattern}' selects no parameter of {module.GetName()}");
            foreach (var (_, parameter) in selected) parameter.requires_grad = requiresGrad;
            total += selected.Count;
        }
        return total;
    }
}
