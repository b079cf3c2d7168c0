using MedVid.Engine.Native;
using static MedVid.Engine.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>libtorch's SGD with optional (Nesterov) momentum.</summary>
public sealed class SGD : Optimizer
{
    internal unsafe SGD(IEnumerable<Tensor> parameters, double lr, double momentum, double dampening, double weightDecay, bool nesterov)
        : base(parameters, handles =>
        {
            fixed (nint* p = handles)
                return NativeOptim.mt_optim_sgd_new(p, handles.Length, lr, momentum, dampening, weightDecay, nesterov ? 1 : 0);
        })
    {
    }

    /// <summary>Keys "{i}.momentum_buffer" for parameters that have one.</summary>
    public override unsafe Dictionary<string, Tensor> state_dict()
    {
        var result = new Dictionary<string, Tensor>();
        for (var i = 0; i < Parameters.Count; i++)
        {
            nint buffer;
            if (Check.Status(NativeOptim.mt_optim_sgd_get_state(Handle, i, &buffer)) == 1)
                result[$"{i}.momentum_buffer"] = new Tensor(buffer);
        }
        return result;
    }

    public override void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        for (var i = 0; i < Parameters.Count; i++)
            if (state.TryGetValue($"{i}.momentum_buffer", out var buffer))
                Check.Status(NativeOptim.mt_optim_sgd_set_state(Handle, i, buffer.Handle));
    }
}
