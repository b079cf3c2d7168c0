using MedVid.Models.Dit;

namespace MedVid.GpuBench;

/// <summary>One engine's timed training step for one size, with the throughput and MFU it implies.</summary>
internal sealed record TrainResult(DitConfig Size, string Engine, long Parameters, double MsPerStep, double FinalLoss, BatchShape Shape, double? PeakTflops)
{
    public double SamplesPerSecond => Shape.Batch * 1000.0 / MsPerStep;

    public double TokensPerSecond => SamplesPerSecond * Shape.VideoTokensPerSample(Size);

    public double AchievedTflops => DitFlops.TrainingStep(Size, Shape) / (MsPerStep / 1000.0) / 1e12;

    public double? Mfu => PeakTflops is { } peak ? AchievedTflops / peak : null;
}
