using System.Buffers.Binary;
using System.Text;
using MedVid.Engine.Serialization;
using MedVid.Engine.Optimizers;
using static TorchSharp.torch;

namespace MedVid.Engine.Tests;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("medvid-st-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public void Round_trip_keeps_dtypes_shapes_values_and_metadata()
    {
        using var scope = NewDisposeScope();
        var source = new Dictionary<string, Tensor>
        {
            ["f32"] = randn(3, 4),
            ["f16"] = randn(5).to(float16),
            ["bf16"] = randn(2, 2, 2).to(bfloat16),
            ["i64"] = tensor(new[] { 1L, long.MinValue, 7L }),
            ["i32"] = tensor(new[] { -3, int.MaxValue }),
            ["f64"] = tensor(new[] { Math.PI, -1e300 }),
            ["mask"] = tensor(new[] { true, false }),
            ["u8"] = tensor(new byte[] { 0, 128, 255 }),
            ["scalar"] = tensor(3.5f),
        };
        var path = Path.Combine(dir, "w.safetensors");
        SafeTensors.Save(path, source, new Dictionary<string, string> { ["format"] = "pt" });

        using var file = new SafeTensorsFile(path);
        Assert.Equal("pt", file.Metadata["format"]);
        var loaded = file.ReadAll();
        Assert.Equal(source.Keys.Order(), loaded.Keys.Order());
        foreach (var (name, t) in source)
        {
            Assert.Equal(t.dtype, loaded[name].dtype);
            Assert.Equal(t.shape, loaded[name].shape);
            Assert.True(t.to(float64).allclose(loaded[name].to(float64), 0, 0), name);
        }
        Assert.Equal(0, BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(path)) % 8); // header padded to 8 bytes
    }

    [Fact]
    public void Reads_a_file_written_byte_by_byte_in_the_safetensors_layout()
    {
        // Header for a float32 [2] tensor "a" (1.0, -2.0) and a float16 [1] tensor "b" (0.5 = 0x3800).
        var header = Encoding.UTF8.GetBytes(
            "{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
            "\"b\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[8,10]}}");
        var bytes = new List<byte>();
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        bytes.AddRange(length);
        bytes.AddRange(header);
        bytes.AddRange(BitConverter.GetBytes(1.0f));
        bytes.AddRange(BitConverter.GetBytes(-2.0f));
        bytes.AddRange([0x00, 0x38]);
        var path = Path.Combine(dir, "hand.safetensors");
        File.WriteAllBytes(path, bytes.ToArray());

        using var scope = NewDisposeScope();
        var loaded = SafeTensors.Load(path);
        Expect.Values([1, -2], loaded["a"]);
        Assert.Equal(ScalarType.Float16, loaded["b"].dtype);
        Expect.Values([0.5f], loaded["b"]);
    }

    [Fact]
    public void Rejects_truncated_files()
    {
        var path = Path.Combine(dir, "bad.safetensors");
        var header = Encoding.UTF8.GetBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}");
        var bytes = new byte[8 + header.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        Assert.Throws<InvalidDataException>(() => new SafeTensorsFile(path).Dispose());
    }

    [Fact]
    public void Optimizer_state_survives_a_safetensors_round_trip()
    {
        using var scope = NewDisposeScope();
        var p = nn.Parameter(randn(3));
        using var opt = optim.AdamW([p], lr: 0.1);
        p.square().sum().backward();
        opt.step();
        var path = Path.Combine(dir, "opt.safetensors");
        SafeTensors.Save(path, AdamWState.Export(opt));
        var restored = SafeTensors.Load(path);
        Assert.Equal(ScalarType.Int64, restored["0.step"].dtype);
        Assert.Empty(restored["0.step"].shape);
        Assert.Equal(1L, restored["0.step"].item<long>());
        Assert.True(restored["0.exp_avg"].allclose(AdamWState.Export(opt)["0.exp_avg"], 0, 0));
    }
}
