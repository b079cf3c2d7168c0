using System.IO.MemoryMappedFiles;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MedVid.Engine.Serialization;

/// <summary>One tensor's entry in a safetensors header.</summary>
public sealed record SafeTensorInfo(string Name, ScalarType DType, long[] Shape, long Begin, long End);

/// <summary>
/// A memory-mapped safetensors file: an 8-byte little-endian header length, a JSON header
/// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {...}}, then the raw
/// little-endian data. Tensors are read on demand straight from the mapping.
/// </summary>
public sealed unsafe class SafeTensorsFile : IDisposable
{
    private readonly MemoryMappedFile mapping;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* basePointer;
    private readonly long dataStart;
    private readonly Dictionary<string, SafeTensorInfo> entries;

    public SafeTensorsFile(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < 8) throw new InvalidDataException($"{path}: too short for a safetensors file");
        mapping = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        view = mapping.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        basePointer = p + view.PointerOffset;
        var headerLength = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(basePointer, 8));
        if (headerLength <= 0 || 8 + headerLength > length) throw new InvalidDataException($"{path}: bad header length {headerLength}");
        dataStart = 8 + headerLength;
        (entries, Metadata) = ParseHeader(new ReadOnlySpan<byte>(basePointer + 8, checked((int)headerLength)), length - dataStart, path);
    }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IEnumerable<SafeTensorInfo> Tensors => entries.Values;

    public bool Contains(string name) => entries.ContainsKey(name);

    /// <summary>Copies one tensor out of the mapping (to <paramref name="device"/> if given).</summary>
    public Tensor Read(string name, Device? device = null)
    {
        if (!entries.TryGetValue(name, out var info)) throw new KeyNotFoundException($"no tensor '{name}'");
        var bytes = new ReadOnlySpan<byte>(basePointer + dataStart + info.Begin, checked((int)(info.End - info.Begin)));
        var tensor = empty(info.Shape, info.DType);
        if (bytes.Length > 0) bytes.CopyTo(tensor.bytes); // bytes is a view of the new tensor's CPU memory
        if (device is null || device.type == DeviceType.CPU) return tensor;
        using (tensor) return tensor.to(device);
    }

    /// <summary>All tensors by name.</summary>
    public Dictionary<string, Tensor> ReadAll(Device? device = null) => entries.Keys.ToDictionary(n => n, n => Read(n, device));

    private static (Dictionary<string, SafeTensorInfo>, IReadOnlyDictionary<string, string>) ParseHeader(ReadOnlySpan<byte> json, long dataLength, string path)
    {
        var result = new Dictionary<string, SafeTensorInfo>();
        var metadata = new Dictionary<string, string>();
        using var doc = JsonDocument.Parse(json.ToArray());
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                foreach (var m in property.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            var dtype = SafeTensorsDType.Parse(property.Value.GetProperty("dtype").GetString() ?? "");
            var shape = property.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var offsets = property.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var expected = shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsDType.ElementSize(dtype);
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] > dataLength || offsets[1] - offsets[0] != expected)
                throw new InvalidDataException($"{path}: bad data offsets for '{property.Name}'");
            result[property.Name] = new SafeTensorInfo(property.Name, dtype, shape, offsets[0], offsets[1]);
        }
        return (result, metadata);
    }

    public void Dispose()
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        mapping.Dispose();
    }
}
