namespace MedVid.SchedulerBench;

/// <summary>
/// Simulated time for the scheduler grain: it moves only when the simulation sets it, so a two-day trace replays in
/// minutes and every decision sees the trace's time.
/// </summary>
internal sealed class SimClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Now => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset at)
    {
        if (at < Now) throw new InvalidOperationException("Simulated time does not go back.");
        Interlocked.Exchange(ref _ticks, at.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;
}
