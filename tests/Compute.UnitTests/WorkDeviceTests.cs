using MedVid.Compute.Work;
using MedVid.Engine;

namespace MedVid.Compute.UnitTests;

public sealed class WorkDeviceTests
{
    private static WorkContext Context(params int[] gpus) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "{}", "/tmp", new Progress<WorkProgress>()) { GpuIndexes = gpus };

    [Fact]
    public void Cpu_slot_work_runs_on_the_cpu_and_gpu_work_uses_its_first_placed_gpu_when_cuda_works()
    {
        Assert.Equal(Device.CPU, WorkDevice.For(Context()));
        var expected = MedVid.Engine.torch.cuda.is_available() ? new Device(DeviceType.CUDA, 2) : Device.CPU;
        Assert.Equal(expected, WorkDevice.For(Context(2, 3)));
    }
}
