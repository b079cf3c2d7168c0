using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

/// <summary>
/// Build outputs carry the finalizer quarantine as libLibTorchSharp.so (docs/engine.md, "Temporary Scalars and Tensors
/// and the garbage collector"): Scalars and Tensors that the garbage collector finalizes reach it and are freed only
/// after its hold time, those their owner disposes are freed at once, and every other function still comes from
/// TorchSharp's own library beside it.
/// </summary>
[Collection(nameof(FinalizerQuarantineCollection))]
public sealed class FinalizerQuarantineTests
{
    private const int Scalars = 0;
    private const int Tensors = 1;
    private static readonly TimeSpan HoldTime = TimeSpan.FromSeconds(2);

    [Fact]
    public void Scalars_and_tensors_finalized_by_the_garbage_collector_enter_the_quarantine()
    {
        var (scalarsBefore, _) = Counts(Scalars);
        var (tensorsBefore, _) = Counts(Tensors);
        Abandon(100);
        Collect();
        Assert.True(Counts(Scalars).Entered - scalarsBefore >= 100, $"{Counts(Scalars).Entered - scalarsBefore} of 100 finalized Scalars entered");
        Assert.True(Counts(Tensors).Entered - tensorsBefore >= 100, $"{Counts(Tensors).Entered - tensorsBefore} of 100 finalized Tensors entered");
    }

    [Fact]
    public void Scalars_and_tensors_disposed_by_their_owner_are_freed_at_once()
    {
        Collect();
        var (scalarsBefore, _) = Counts(Scalars);
        var (tensorsBefore, _) = Counts(Tensors);
        for (var i = 0; i < 100; i++)
        {
            using var scalar = i.ToScalar();
            using var tensor = ones(3);
        }
        // Only finalizations count, and none of these was finalized (no other test runs alongside).
        Assert.Equal(scalarsBefore, Counts(Scalars).Entered);
        Assert.Equal(tensorsBefore, Counts(Tensors).Entered);
    }

    [Fact]
    public void Finalized_objects_are_freed_once_their_hold_time_has_passed()
    {
        Abandon(10);
        Collect();
        var scalarsBefore = Counts(Scalars).Entered;
        var tensorsBefore = Counts(Tensors).Entered;
        Thread.Sleep(HoldTime + TimeSpan.FromMilliseconds(300));
        Abandon(1);
        Collect();
        // Every object that entered before the wait has been handed back to TorchSharp by the next finalization.
        Assert.True(Counts(Scalars).Released >= scalarsBefore, $"Scalars: released {Counts(Scalars).Released}, entered before the wait {scalarsBefore}");
        Assert.True(Counts(Tensors).Released >= tensorsBefore, $"Tensors: released {Counts(Tensors).Released}, entered before the wait {tensorsBefore}");
    }

    [Fact]
    public void Temporaries_under_garbage_collector_pressure_compute_right_for_two_seconds()
    {
        // Without the quarantine this loop fails within seconds on the 2-core machine ("Expected false to be true"
        // from Scalar::toFloat, then an abort or a segmentation fault; docs/engine.md).
        using var x = ones(16);
        var stop = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        var pressure = new Thread(() =>
        {
            var keep = new byte[64][];
            for (var i = 0; DateTime.UtcNow < stop; i++) keep[i % 64] = new byte[4096];
        });
        pressure.Start();
        long iterations = 0, wrong = 0;
        while (DateTime.UtcNow < stop)
        {
            using var sum = x * 3.0 + x;
            if (sum[0].ToSingle() != 4f) wrong++;
            iterations++;
        }
        pressure.Join();
        Assert.Equal(0, wrong);
        Assert.True(iterations > 1000, $"{iterations} iterations");
    }

    private static void Abandon(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = (i + 0.25).ToScalar();
            _ = ones(2);
        }
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static (long Entered, long Released) Counts(int kind)
    {
        Assert.Equal(0, MedVid_quarantine_counts(kind, out var entered, out var released));
        return (entered, released);
    }

    [DllImport("LibTorchSharp")]
    private static extern int MedVid_quarantine_counts(int kind, out long entered, out long released);
}

/// <summary>The quarantine's counters are process-wide, so its tests run alone: no other test's garbage is finalized meanwhile.</summary>
[CollectionDefinition(nameof(FinalizerQuarantineCollection), DisableParallelization = true)]
public sealed class FinalizerQuarantineCollection;
