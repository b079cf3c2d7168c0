using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

/// <summary>
/// Build outputs carry the scalar quarantine as libLibTorchSharp.so (docs/engine.md, "Temporary Scalars and the
/// garbage collector"): TorchSharp's disposals and finalizations of Scalars reach it, it frees them only after its
/// hold time, and every other function still comes from TorchSharp's own library beside it.
/// </summary>
public sealed class ScalarQuarantineTests
{
    private static readonly TimeSpan HoldTime = TimeSpan.FromSeconds(2);

    [Fact]
    public void Disposed_scalars_enter_the_quarantine_instead_of_being_freed()
    {
        var entered = Entered();
        for (var i = 0; i < 10; i++) i.ToScalar().Dispose();
        Assert.True(Entered() - entered >= 10, $"{Entered() - entered} of 10 disposed Scalars entered the quarantine");
    }

    [Fact]
    public void Scalars_finalized_by_the_garbage_collector_enter_the_quarantine()
    {
        var entered = Entered();
        AbandonScalars(100);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(Entered() - entered >= 100, $"{Entered() - entered} of 100 finalized Scalars entered the quarantine");
    }

    [Fact]
    public void Held_scalars_are_freed_once_their_hold_time_has_passed()
    {
        using (var held = 1.5.ToScalar()) { }
        var enteredBefore = Entered();
        Thread.Sleep(HoldTime + TimeSpan.FromMilliseconds(300));
        using (var next = 2.5.ToScalar()) { }
        // Every Scalar that entered before the wait has been handed back to libtorch by the next disposal.
        Assert.True(Released() >= enteredBefore, $"released {Released()}, entered before the wait {enteredBefore}");
    }

    [Fact]
    public void Operations_with_temporary_scalars_compute_through_the_forwarded_library()
    {
        using var x = tensor(new float[] { 1, 2, 3 });
        using var y = (x * 0.5 + 1).add(x, alpha: -2);
        Assert.Equal(new float[] { -0.5f, -2, -3.5f }, y.data<float>().ToArray());
    }

    private static void AbandonScalars(int count)
    {
        for (var i = 0; i < count; i++) _ = (i + 0.25).ToScalar();
    }

    private static long Entered() => MedVid_scalar_quarantine_entered();

    private static long Released() => MedVid_scalar_quarantine_released();

    [DllImport("LibTorchSharp")]
    private static extern long MedVid_scalar_quarantine_entered();

    [DllImport("LibTorchSharp")]
    private static extern long MedVid_scalar_quarantine_released();
}
