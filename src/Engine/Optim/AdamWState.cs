using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>
/// AdamW's per-parameter state as named tensors, the layout the libtorch 1.13 engine wrote to
/// optimizer.safetensors: "{i}.exp_avg", "{i}.exp_avg_sq" and "{i}.step" (int64 scalar) for
/// every parameter i (in the optimizer's parameter order) that has taken a step. TorchSharp's
/// AdamW is C#: its state objects expose these tensors and the step counter, and restoring
/// them exactly makes a resumed run continue bit for bit.
/// </summary>
public static class AdamWState
{
    /// <summary>New tensor handles (sharing the optimizer's storage) owned by the caller or the current scope.</summary>
    public static Dictionary<string, Tensor> Export(AdamW optimizer)
    {
        var result = new Dictionary<string, Tensor>();
        var states = States(optimizer);
        for (var i = 0; i < states.Count; i++)
        {
            var state = states[i];
            if (state.step == 0) continue;
            result[$"{i}.exp_avg"] = state.exp_avg.alias();
            result[$"{i}.exp_avg_sq"] = state.exp_avg_sq.alias();
            result[$"{i}.step"] = tensor(state.step);
        }
        return result;
    }

    /// <summary>Copies saved state in; parameters without saved state keep a fresh one.</summary>
    public static void Import(AdamW optimizer, IReadOnlyDictionary<string, Tensor> saved)
    {
        var states = States(optimizer);
        using var noGrad = no_grad();
        for (var i = 0; i < states.Count; i++)
        {
            if (!saved.TryGetValue($"{i}.exp_avg", out var avg)) continue;
            if (!saved.TryGetValue($"{i}.exp_avg_sq", out var avgSq) || !saved.TryGetValue($"{i}.step", out var step))
                throw new ArgumentException($"incomplete AdamW state for parameter {i}");
            var state = states[i];
            state.exp_avg.copy_(avg);
            state.exp_avg_sq.copy_(avgSq);
            state.step = step.item<long>();
        }
    }

    private static IReadOnlyList<AdamW.State> States(AdamW optimizer) =>
        optimizer.state_dict().State.Cast<AdamW.State>().ToList();
}
