using MedVid.Engine.Native;

namespace MedVid.Engine;

/// <summary>Sets this thread's autograd mode for a block and restores the previous one.</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool restored;

    internal GradModeScope(bool enabled) => previous = NativeAutograd.mt_autograd_set_enabled(enabled ? 1 : 0) != 0;

    public void Dispose()
    {
        if (restored) return;
        restored = true;
        NativeAutograd.mt_autograd_set_enabled(previous ? 1 : 0);
    }
}
