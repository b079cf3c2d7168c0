using System.Diagnostics;
using System.Text;

namespace MedVid.Video;

/// <summary>
/// One running ffmpeg/ffprobe process with stderr captured in the background (so a chatty
/// ffmpeg never blocks on a full pipe) and a guarantee that disposing or cancelling kills it.
/// </summary>
internal sealed class FfmpegProcess : IAsyncDisposable
{
    // ffmpeg can print megabytes of warnings on a damaged file; the tail is what explains a failure.
    private const int MaxStderrChars = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task _stderrPump;

    private FfmpegProcess(Process process)
    {
        _process = process;
        _stderrPump = PumpStderrAsync();
    }

    public static FfmpegProcess Start(string exe, IEnumerable<string> arguments, bool redirectStdin, bool redirectStdout)
    {
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = redirectStdin,
            RedirectStandardOutput = redirectStdout,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new FfmpegNotFoundException($"{FfmpegTool.MissingMessage}: {e.Message}");
        }
        return new FfmpegProcess(process);
    }

    public Stream Stdin => _process.StandardInput.BaseStream;
    public Stream StdoutStream => _process.StandardOutput.BaseStream;
    public StreamReader Stdout => _process.StandardOutput;

    /// <summary>Everything captured from stderr so far (complete once the process has exited).</summary>
    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Waits for exit; on cancellation the process is killed before the exception propagates.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        try
        {
            await _process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill: nothing left to stop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().ConfigureAwait(false);
            await _stderrPump.ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    internal static string LastLines(string text, int count)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" | ", lines.TakeLast(count));
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[4096];
        var reader = _process.StandardError;
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (_stderr)
            {
                _stderr.Append(buffer, 0, read);
                if (_stderr.Length > MaxStderrChars)
                    _stderr.Remove(0, _stderr.Length - MaxStderrChars);
            }
        }
    }
}
