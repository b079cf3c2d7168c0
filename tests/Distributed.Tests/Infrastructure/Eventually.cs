using System.Diagnostics;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>Polls a probe until it yields a value; on timeout the message says what was waited for and what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> WaitForAsync<T>(string what, TimeSpan timeout, Func<Task<(bool Done, T Value, string Seen)>> probe,
        TimeSpan? interval = null, Func<string?>? abort = null)
    {
        var clock = Stopwatch.StartNew();
        var seen = "nothing yet";
        while (true)
        {
            try
            {
                var (done, value, description) = await probe();
                if (done) return value;
                seen = description;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                seen = $"{e.GetType().Name}: {e.Message}";
            }
            if (abort?.Invoke() is { } reason)
                throw new TimeoutException($"Gave up waiting for {what} after {clock.Elapsed.TotalSeconds:0.0} s: {reason}. Last seen: {seen}");
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. Last seen: {seen}");
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(250));
        }
    }
}
