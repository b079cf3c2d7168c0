using System.Diagnostics;
using System.Text.Json;

namespace MedVid.Engine.Tests;

/// <summary>
/// The CUDA build switch (src/Engine/TorchPackages.props): TorchSharp's CUDA package cannot restore on the
/// development machines, so the switch is proven by MSBuild evaluation of the GPU host's package references.
/// </summary>
public sealed class TorchBackendSwitchTests
{
    [Fact]
    public void GpuHost_takes_the_cpu_runtime_by_default()
    {
        var packages = PackageReferences("src/GpuHost/GpuHost.csproj");
        Assert.Equal("2.10.0", packages["libtorch-cpu-linux-x64"]);
        Assert.Equal("0.107.0", packages["TorchSharp"]);
        Assert.DoesNotContain("TorchSharp-cuda-linux", packages.Keys);
    }

    [Fact]
    public void The_cuda_switch_swaps_the_runtime_package_in_the_host_and_in_the_engine()
    {
        foreach (var project in new[] { "src/GpuHost/GpuHost.csproj", "src/Engine/Engine.csproj" })
        {
            var packages = PackageReferences(project, "-p:MedVidTorchBackend=cuda");
            Assert.Equal("0.107.0", packages["TorchSharp-cuda-linux"]);
            Assert.Equal("0.107.0", packages["TorchSharp"]);
            Assert.DoesNotContain("libtorch-cpu-linux-x64", packages.Keys);
        }
    }

    [Fact]
    public void An_unknown_backend_stops_the_build()
    {
        var (exitCode, output) = DotnetMsbuild("src/GpuHost/GpuHost.csproj", "-t:MedVidCheckTorchBackend", "-p:MedVidTorchBackend=rocm");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("MedVidTorchBackend must be cpu or cuda, not 'rocm'", output);
    }

    private static Dictionary<string, string> PackageReferences(string project, params string[] properties)
    {
        var (exitCode, output) = DotnetMsbuild(project, ["-getItem:PackageReference", .. properties]);
        Assert.True(exitCode == 0, output);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .ToDictionary(item => item.GetProperty("Identity").GetString()!, item => item.GetProperty("Version").GetString()!);
    }

    private static (int ExitCode, string Output) DotnetMsbuild(string project, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), project));
        start.ArgumentList.Add("-nologo");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1))) process.Kill();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MedVid.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no MedVid.sln above {AppContext.BaseDirectory}");
    }
}
