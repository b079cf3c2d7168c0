using System.Globalization;
using MedVid.GpuBench;
using static TorchSharp.torch;

// bench/gpu: parity of the device against float64 on the CPU, then the DiT training step here and in PyTorch.
// Normally started by run.sh, which prepares the natives; prints a table and, as the last line, a JSON summary.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"gpu bench: {e.Message}");
    return 2;
}

if (options.TorchLibDir is { } torchLib)
    NativeLibraries.Preload(torchLib, options.LibTorchSharp ?? throw new ArgumentException("--torch-lib needs --libtorchsharp"), options.Cuda);
else if (!File.Exists(Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so")))
{
    Console.Error.WriteLine("gpu bench: no libtorch next to the app (a publish carries none): give --torch-lib DIR --libtorchsharp FILE, as run.sh does");
    return 2;
}
var device = options.Cuda ? CUDA : CPU;
if (options.Cuda) InitializeDeviceType(DeviceType.CUDA); // throws with TorchSharp's load trace where CUDA does not come up
else set_num_threads(options.Threads);
foreach (var (name, path) in NativeLibraries.LoadedFrom("libLibTorchSharp.so", "libtorch_cpu.so", "libtorch_cuda.so"))
    Console.WriteLine($"native {name} <- {path}");
var deviceName = options.Cuda ? options.GpuName : $"cpu, {get_num_threads()} threads";
Console.WriteLine($"device {options.Device} ({deviceName ?? "name not given"}), training dtype {options.Dtype}, batch {options.Shape}");

var parity = ParityChecks.Run(device);
Console.WriteLine($"parity: {options.Device} float32 against cpu float64" + (options.Cuda ? ", TF32 off" : " (the CPU's float32 kernels against its float64 ones)"));
foreach (var check in parity)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(check.Passed ? "ok  " : "FAIL")} {check.Name,-72} rel err {check.RelativeError:E2} (tolerance {check.Tolerance:E0})"));
if (!parity.All(c => c.Passed))
{
    Console.WriteLine(Report.Json(options, deviceName, parity, []));
    Console.Error.WriteLine("gpu bench: parity FAILED; no training step was timed");
    return 1;
}

var peak = options.PeakTflops ?? (options.Cuda && options.Dtype == "bf16" ? SpecPeaks.Bf16DenseTflops(options.GpuName) : null);
if (options.Cuda && peak is null) Console.WriteLine("no spec peak for this device and dtype: MFU is null (give --peak-tflops)");
var dtype = options.Dtype == "bf16" ? ScalarType.BFloat16 : ScalarType.Float32;
var results = new List<TrainResult>();
foreach (var size in options.Sizes)
{
    TrainResult ours;
    using (var step = new DitTrainingStep(size, options.Shape, device, dtype))
    {
        var (ms, loss) = step.Time(options.Warmup, options.Steps);
        ours = new TrainResult(size, "torchsharp", step.ParameterCount, ms, loss, options.Shape, peak);
    }
    var torch = TorchPeer.Run(options, size);
    var theirs = new TrainResult(size, "pytorch", torch.Parameters, torch.MsPerStep, torch.FinalLoss, options.Shape, peak);
    Console.WriteLine($"{size.Name}: parameters torchsharp {ours.Parameters:N0}, pytorch {theirs.Parameters:N0} (torch {torch.TorchVersion}); " +
                      $"final loss {ours.FinalLoss:F4} / {theirs.FinalLoss:F4}");
    if (ours.Parameters != theirs.Parameters || ours.Parameters != size.ParameterCount())
    {
        Console.Error.WriteLine($"gpu bench: {size.Name}: the PyTorch model has {theirs.Parameters:N0} parameters, ours {ours.Parameters:N0} (config: {size.ParameterCount():N0}): not the same model");
        return 1;
    }
    if (!double.IsFinite(ours.FinalLoss) || !double.IsFinite(theirs.FinalLoss))
    {
        Console.Error.WriteLine($"gpu bench: {size.Name}: a training loss is not finite");
        return 1;
    }
    results.AddRange([ours, theirs]);
}

Console.WriteLine($"training step, {options.Dtype}, warm-up {options.Warmup} then {options.Steps} timed steps; TFLOP/s from DitFlops (matmul and attention FLOPs)" +
                  (peak is { } p ? $", MFU against {p} TFLOP/s" : ""));
Console.Write(Report.Table(results));
Console.WriteLine(Report.Json(options, deviceName, parity, results));
return 0;
