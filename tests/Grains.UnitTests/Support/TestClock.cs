namespace MedVid.Grains.UnitTests.Support;

/// <summary>The fixed moment the state tests and the scheduler tests' world start from.</summary>
public static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
}
