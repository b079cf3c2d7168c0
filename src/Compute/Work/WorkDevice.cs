using static TorchSharp.torch;

namespace MedVid.Compute.Work;

/// <summary>The tensor device for a work item: the first GPU it was placed on when CUDA works here, else the CPU.</summary>
public static class WorkDevice
{
    public static Device For(WorkContext context) =>
        context.GpuIndexes.Count > 0 && cuda.is_available() ? new Device(DeviceType.CUDA, context.GpuIndexes[0]) : CPU;
}
