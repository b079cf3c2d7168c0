using System.Diagnostics;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>Runs a short command to completion and returns its output, failing with both streams when it fails.</summary>
internal static class Shell
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string workingDirectory = "/")
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var command = $"{file} {string.Join(' ', info.ArgumentList)}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {timeout.TotalSeconds:0} s.");
        }
        var output = await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{command}` exited with {process.ExitCode}:{Environment.NewLine}{output}{await stderr}");
        return output;
    }
}
