using MedVid.Engine.Native;
using static MedVid.Engine.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>
/// A libtorch C++ optimizer over a fixed, ordered parameter list. The order is the index
/// space of the exported state ("{index}.exp_avg", ...), so rebuild the optimizer from
/// the same module to restore a checkpoint.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private nint handle;

    private protected Optimizer(IEnumerable<Tensor> parameters, Func<nint[], nint> create)
    {
        Parameters = parameters.ToArray();
        var handles = Parameters.Select(p => p.Handle).ToArray();
        handle = Check.Handle(create(handles));
    }

    public IReadOnlyList<Tensor> Parameters { get; }

    private protected nint Handle => handle != 0 ? handle : throw new ObjectDisposedException(GetType().Name);

    public void step() => Check.Status(NativeOptim.mt_optim_step(Handle));

    /// <summary>Zeroes gradients, or drops them with <paramref name="setToNone"/> (cheaper: the next backward allocates).</summary>
    public void zero_grad(bool setToNone = false) => Check.Status(NativeOptim.mt_optim_zero_grad(Handle, setToNone ? 1 : 0));

    public unsafe double LearningRate
    {
        get
        {
            double lr;
            Check.Status(NativeOptim.mt_optim_get_lr(Handle, &lr));
            return lr;
        }
        set => Check.Status(NativeOptim.mt_optim_set_lr(Handle, value));
    }

    /// <summary>
    /// Per-parameter state as named tensors (new handles owned by the caller / current
    /// scope), ready to be written to safetensors.
    /// </summary>
    public abstract Dictionary<string, Tensor> state_dict();

    /// <summary>Restores state produced by <see cref="state_dict"/> (copies the tensors).</summary>
    public abstract void load_state_dict(IReadOnlyDictionary<string, Tensor> state);

    public void Dispose()
    {
        var h = Interlocked.Exchange(ref handle, 0);
        if (h != 0) NativeOptim.mt_optim_free(h);
        GC.SuppressFinalize(this);
    }

    ~Optimizer() => Dispose();
}
