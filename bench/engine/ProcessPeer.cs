using System.Diagnostics;
using System.Globalization;

namespace MedVid.EngineBench;

/// <summary>
/// One side of an interleaved benchmark kept alive as a child process (PyTorch's script, the
/// TorchSharp peer) and driven line by line: "command N" in, "key value [value ...]" out.
/// </summary>
internal sealed class ProcessPeer : IDisposable
{
    private readonly Process process;

    public ProcessPeer(string fileName, string arguments)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}");
        Banner = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException($"{fileName} exited before it was ready");
    }

    public static ProcessPeer Python(string script, string arguments) =>
        new(Environment.GetEnvironmentVariable("MEDVID_BENCH_PYTHON") ?? "/usr/bin/python3", $"\"{script}\" {arguments}");

    public static ProcessPeer DotNet(string assembly, string arguments) => new("dotnet", $"\"{assembly}\" {arguments}");

    public string Banner { get; }

    public double Ask(string command, string expectedKey) => AskMany(command, expectedKey)[0];

    public double[] AskMany(string command, string expectedKey)
    {
        process.StandardInput.WriteLine(command);
        process.StandardInput.Flush();
        var reply = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the peer process exited");
        var parts = reply.Split(' ');
        if (parts.Length < 2 || parts[0] != expectedKey) throw new InvalidOperationException($"unexpected reply '{reply}'");
        return parts.Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.WriteLine("quit");
            process.StandardInput.Flush();
            if (!process.WaitForExit(10_000)) process.Kill();
        }
        finally
        {
            process.Dispose();
        }
    }
}
