using MedVid.Compute.Hosting;
using MedVid.Contracts;

namespace MedVid.Compute.UnitTests;

public sealed class CapacityProbeTests
{
    [Fact]
    public void Parses_each_gpu_of_nvidia_smi_csv()
    {
        const string csv = "0, NVIDIA H100 80GB HBM3, 81559\n1, NVIDIA H100 80GB HBM3, 81559\n";
        Assert.Equal(
            [new GpuInfo(0, "NVIDIA H100 80GB HBM3", 81559), new GpuInfo(1, "NVIDIA H100 80GB HBM3", 81559)],
            CapacityProbe.ParseNvidiaSmi(csv));
    }

    [Theory]
    [InlineData("")]
    [InlineData("No devices were found")]
    [InlineData("0, NVIDIA H100, [N/A]")]
    public void Output_without_gpu_lines_means_no_gpus(string output) => Assert.Empty(CapacityProbe.ParseNvidiaSmi(output));

    [Fact]
    public void Simulated_gpus_are_reported_with_their_memory_and_named_as_running_on_the_cpu()
    {
        var capacity = CapacityProbe.Detect(new ComputeHostOptions { CpuSlots = 1, SimulatedGpus = 2, SimulatedGpuMemoryMiB = 1000 });
        Assert.Equal([new GpuInfo(0, "simulated (runs on the CPU)", 1000), new GpuInfo(1, "simulated (runs on the CPU)", 1000)], capacity.Gpus);
        Assert.Throws<InvalidOperationException>(() => new ComputeHostOptions { SimulatedGpus = -1 }.Validate());
    }

    [Fact]
    public void Capacity_reports_the_configured_cpu_slots_and_the_cores()
    {
        var capacity = CapacityProbe.Detect(new ComputeHostOptions { CpuSlots = 3 });
        Assert.Equal((Environment.ProcessorCount, 3), (capacity.CpuCores, capacity.CpuSlots));
    }

    [Theory]
    [InlineData("host a")]
    [InlineData("host/a")]
    [InlineData("")]
    public void A_host_id_that_cannot_name_a_queue_is_refused(string hostId)
    {
        var e = Assert.Throws<InvalidOperationException>(() => new ComputeHostOptions { HostId = hostId }.Validate());
        Assert.Contains("ComputeHost:HostId", e.Message);
    }
}
