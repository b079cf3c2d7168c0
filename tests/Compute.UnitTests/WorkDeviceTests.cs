using MedVid.Compute.Work;
using TorchSharp;

namespace MedVid.Compute.UnitTests;

public sealed class WorkDeviceTests
{
    private static WorkContext Context(params int[] gpus) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "{}", "/tmp", new Progress<WorkProgress>()) { GpuIndexes = gpus };

    [Fact]
    public void Cpu_slot_work_runs_on_the_cpu_and_gpu_work_uses_its_first_placed_gpu_when_cuda_works()
    {
        // TorchSharp's Device is a class without value equality: compare kind and index.
        var cpu = WorkDevice.For(Context());
        Assert.Equal(DeviceType.CPU, cpu.type);
        var placed = WorkDevice.For(Context(2, 3));
        if (torch.cuda.is_available()) Assert.Equal((DeviceType.CUDA, 2), (placed.type, placed.index));
        else Assert.Equal(DeviceType.CPU, placed.type);
    }
}
