namespace MedVid.Cli.Commands;

/// <summary>A one-line progress bar on stderr, redrawn in place; plain lines when stderr is not a terminal.</summary>
public sealed class ConsoleProgress(string label)
{
    private int _lastPercent = -1;

    public void Report(double fraction, string? note = null)
    {
        var percent = (int)Math.Round(Math.Clamp(fraction, 0, 1) * 100);
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        var bar = new string('#', percent / 5).PadRight(20, '.');
        if (Console.IsErrorRedirected)
        {
            if (percent % 25 == 0) Console.Error.WriteLine($"{label} [{bar}] {percent,3}% {note}");
            return;
        }
        Console.Error.Write($"\r{label} [{bar}] {percent,3}% {note}".PadRight(Math.Min(Console.BufferWidth - 1, 100)));
        if (percent == 100) Console.Error.WriteLine();
    }
}
