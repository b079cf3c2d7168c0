using MedVid.Engine.Native;
using static MedVid.Engine.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>libtorch's AdamW (decoupled weight decay).</summary>
public sealed class AdamW : Optimizer
{
    internal unsafe AdamW(IEnumerable<Tensor> parameters, double lr, double beta1, double beta2, double eps, double weightDecay, bool amsgrad)
        : base(parameters, handles =>
        {
            fixed (nint* p = handles)
                return NativeOptim.mt_optim_adamw_new(p, handles.Length, lr, beta1, beta2, eps, weightDecay, amsgrad ? 1 : 0);
        })
    {
    }

    /// <summary>Keys "{i}.step" (int64 scalar), "{i}.exp_avg", "{i}.exp_avg_sq" for every stepped parameter i.</summary>
    public override unsafe Dictionary<string, Tensor> state_dict()
    {
        var result = new Dictionary<string, Tensor>();
        for (var i = 0; i < Parameters.Count; i++)
        {
            long step;
            nint avg, avgSq;
            if (Check.Status(NativeOptim.mt_optim_adamw_get_state(Handle, i, &step, &avg, &avgSq)) == 0) continue;
            result[$"{i}.exp_avg"] = new Tensor(avg);
            result[$"{i}.exp_avg_sq"] = new Tensor(avgSq);
            result[$"{i}.step"] = from_span<long>([step], [], int64);
        }
        return result;
    }

    public override void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (!state.TryGetValue($"{i}.exp_avg", out var avg)) continue;
            if (!state.TryGetValue($"{i}.exp_avg_sq", out var avgSq) || !state.TryGetValue($"{i}.step", out var step))
                throw new ArgumentException($"incomplete AdamW state for parameter {i}");
            Check.Status(NativeOptim.mt_optim_adamw_set_state(Handle, i, step.item<long>(), avg.Handle, avgSq.Handle));
        }
    }
}
