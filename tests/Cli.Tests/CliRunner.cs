using System.Diagnostics;

namespace MedVid.Cli.Tests;

/// <summary>Runs the CLI as a process with its own session file; returns exit code, stdout and stderr.</summary>
public sealed class CliRunner(string sessionFile)
{
    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(EmbeddedSilo.Output("MedVid.CliOutput"), "MedVid.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["MEDVID_CLI_SESSION"] = sessionFile;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the CLI did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
