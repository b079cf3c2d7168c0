using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

// The pattern that TorchSharp 0.107 leaves open to the finalizer: `x * 3.0` and `+` make temporary Scalars,
// `sum[0]` a temporary Tensor, and only their handles reach libtorch. A second thread allocates so that gen0
// collections run all the time. Prints a progress line every 0.2 s (a crash keeps the last one) and, at the end,
// a JSON line.
var seconds = args is ["--seconds", var value] ? double.Parse(value, CultureInfo.InvariantCulture) : 30;
if (seconds <= 0) { Console.Error.WriteLine("usage: --seconds N (N > 0)"); return 2; }
set_num_threads(1);

var stop = DateTime.UtcNow.AddSeconds(seconds);
var pressure = new Thread(() =>
{
    var keep = new byte[64][];
    for (var i = 0; DateTime.UtcNow < stop; i++) keep[i % 64] = new byte[4096];
}) { IsBackground = true };
pressure.Start();

using var x = ones(16);
long iterations = 0, wrong = 0, errors = 0;
var nextReport = DateTime.UtcNow.AddSeconds(0.2);
while (DateTime.UtcNow < stop)
{
    try
    {
        using var sum = x * 3.0 + x;
        if (sum[0].ToSingle() != 4f) wrong++;
    }
    catch (ExternalException e)
    {
        if (errors++ == 0) Console.WriteLine($"first error: {e.Message.Split('\n')[0]}");
    }
    iterations++;
    if (DateTime.UtcNow < nextReport) continue;
    Console.WriteLine($"progress iterations={iterations} wrong={wrong} errors={errors} gen0={GC.CollectionCount(0)}");
    nextReport = DateTime.UtcNow.AddSeconds(0.2);
}
pressure.Join();
Console.WriteLine(JsonSerializer.Serialize(new { seconds, iterations, wrong, errors, gen0 = GC.CollectionCount(0) }));
return wrong == 0 && errors == 0 ? 0 : 1;
