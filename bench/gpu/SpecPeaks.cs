namespace MedVid.GpuBench;

/// <summary>
/// Dense (no sparsity) bf16 tensor-core peaks from NVIDIA's data sheets, in TFLOP/s, by the name the CUDA driver
/// reports (e.g. "NVIDIA H100 80GB HBM3" for the SXM part). MFU is measured against these; any other device needs
/// --peak-tflops.
/// </summary>
internal static class SpecPeaks
{
    private static readonly (string[] NameParts, double Tflops)[] Bf16Dense =
    [
        (["H200"], 989),
        (["H100", "PCIe"], 756),
        (["H100", "NVL"], 835),
        (["H100"], 989), // SXM5 ("HBM3")
        (["A100"], 312),
    ];

    public static double? Bf16DenseTflops(string? deviceName) =>
        deviceName is null ? null
        : Bf16Dense.Where(e => e.NameParts.All(part => deviceName.Contains(part, StringComparison.OrdinalIgnoreCase)))
            .Select(e => (double?)e.Tflops).FirstOrDefault();
}
