using System.Diagnostics;
using System.Globalization;

namespace MedVid.EngineBench;

/// <summary>The PyTorch side, kept alive as a child process and driven line by line.</summary>
internal sealed class PythonPeer : IDisposable
{
    private readonly Process process;

    public PythonPeer(string python, string script, string args)
    {
        var info = new ProcessStartInfo(python, $"\"{script}\" {args}")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {python}");
        Banner = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("python side exited before it was ready");
    }

    public string Banner { get; }

    public double Ask(string command, string expectedKey) => AskMany(command, expectedKey)[0];

    /// <summary>Sends a command and parses a reply "key value [value ...]".</summary>
    public double[] AskMany(string command, string expectedKey)
    {
        process.StandardInput.WriteLine(command);
        process.StandardInput.Flush();
        var reply = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("python side exited");
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
