using System.Diagnostics;
using System.Globalization;
using MedVid.EngineBench.TorchSharpPeer;
using static TorchSharp.torch;

// The TorchSharp side of bench/engine, speaking torch_bench.py's line protocol on stdin/stdout:
//   "steps N" -> "ms <wall ms per step> <process CPU ms per step>"
//   "matmul N" -> "gflops <value>"; "smallop N" -> "us <value>"; "quit"
int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

set_num_threads(Arg("threads", Environment.ProcessorCount));
manual_seed(0);
using var model = new TinyTransformer(Arg("blocks", 4), Arg("width", 256), Arg("heads", 4));
using var optimizer = optim.AdamW(model.parameters(), lr: 1e-4);
long batch = Arg("batch", 8), sequence = Arg("seq", 256), width = Arg("width", 256);
using var x = randn(batch, sequence, width);
using var y = randn(batch, sequence, width);

void Step()
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    var loss = nn.functional.mse_loss(model.forward(x), y);
    loss.backward();
    optimizer.step();
}

string Reply(string[] command)
{
    var n = int.Parse(command[1], CultureInfo.InvariantCulture);
    switch (command[0])
    {
        case "steps":
            var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) Step();
            var wall = watch.Elapsed.TotalMilliseconds / n;
            self.Refresh();
            return string.Create(CultureInfo.InvariantCulture, $"ms {wall:F3} {(self.TotalProcessorTime - cpu).TotalMilliseconds / n:F3}");
        case "matmul":
        {
            using var scope = NewDisposeScope();
            var a = randn(1024, 1024);
            var b = randn(1024, 1024);
            a.matmul(b).Dispose();
            var timer = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) a.matmul(b).Dispose();
            return string.Create(CultureInfo.InvariantCulture, $"gflops {2.0 * Math.Pow(1024, 3) * n / timer.Elapsed.TotalSeconds / 1e9:F2}");
        }
        case "smallop":
        {
            using var a = ones(4);
            using var b = ones(4);
            var timer = Stopwatch.StartNew();
            for (var done = 0; done < n; done += 1000)
            {
                using var scope = NewDisposeScope();
                for (var i = 0; i < 1000; i++) _ = a + b;
            }
            return string.Create(CultureInfo.InvariantCulture, $"us {timer.Elapsed.TotalMilliseconds * 1000 / n:F3}");
        }
        default:
            throw new InvalidOperationException($"unknown command '{command[0]}'");
    }
}

Console.WriteLine($"ready threads={get_num_threads()} torchsharp={typeof(TorchSharp.torch).Assembly.GetName().Version} libtorch={__version__}");
while (Console.ReadLine() is { } line)
{
    var command = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (command.Length == 0 || command[0] == "quit") break;
    Console.WriteLine(Reply(command));
}
