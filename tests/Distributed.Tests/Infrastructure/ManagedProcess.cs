using System.Diagnostics;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>
/// A child process (a silo or a compute host) whose stdout and stderr go to a log file and to a bounded
/// in-memory tail for failure messages. Disposing kills the whole process tree.
/// </summary>
internal sealed class ManagedProcess : IDisposable
{
    private const int TailLines = 400;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly StreamWriter _log;
    private readonly object _gate = new();

    private ManagedProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: false) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet &lt;dll&gt;</c> in the dll's folder with the given environment on top of this process's.</summary>
    public static ManagedProcess StartDotnet(string name, string dll, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        // Test runner variables (VSTest, coverage hooks) must not leak into the processes under test.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("CORECLR_", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment) info.Environment[key] = value;

        Directory.CreateDirectory(logFolder);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process, Path.Combine(logFolder, $"{name}.log"));
        process.OutputDataReceived += (_, e) => managed.Append(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Append(e.Data is null ? null : "stderr: " + e.Data);
        process.Exited += (_, _) => managed.Append($"[test] process exited ({SafeExitCode(process)})");
        if (!process.Start()) throw new InvalidOperationException($"Could not start {name}: dotnet {dll}");
        managed.Append($"[test] started pid {process.Id}: dotnet {dll}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>SIGKILL for the process and its children: no shutdown hooks, no acknowledgements, like a crash.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                Append("[test] killing the process tree (SIGKILL)");
                _process.Kill(entireProcessTree: true);
            }
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
    }

    /// <summary>The last lines of output, for assertion messages.</summary>
    public string Tail(int lines = 60)
    {
        lock (_gate)
        {
            var selected = _tail.Skip(Math.Max(0, _tail.Count - lines)).Select(l => l.Length <= 700 ? l : l[..700] + " …");
            return $"----- {Name} (pid {SafeId()}, log {LogPath}) -----{Environment.NewLine}{string.Join(Environment.NewLine, selected)}";
        }
    }

    public void Dispose()
    {
        Kill();
        lock (_gate) _log.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        line = $"{DateTime.Now:HH:mm:ss.fff} {line}";
        lock (_gate)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines) _tail.Dequeue();
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private string SafeId()
    {
        try
        {
            return _process.Id.ToString();
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return $"exit code {process.ExitCode}";
        }
        catch (InvalidOperationException)
        {
            return "exit code unknown";
        }
    }
}
