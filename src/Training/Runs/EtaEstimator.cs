namespace MedVid.Training.Runs;

/// <summary>Seconds left from an exponential moving average of the step time (robust to a slow first step).</summary>
public sealed class EtaEstimator(TimeProvider clock)
{
    private DateTimeOffset? _last;
    private double? _secondsPerStep;

    public double Update(long step, long totalSteps)
    {
        var now = clock.GetUtcNow();
        if (_last is { } last)
        {
            var elapsed = (now - last).TotalSeconds;
            _secondsPerStep = _secondsPerStep is { } s ? 0.9 * s + 0.1 * elapsed : elapsed;
        }
        _last = now;
        return _secondsPerStep is { } perStep ? Math.Max(0, totalSteps - step) * perStep : double.NaN;
    }
}
