using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace MedVid.Engine.Serialization;

/// <summary>Reading and writing the safetensors format (https://github.com/huggingface/safetensors).</summary>
public static class SafeTensors
{
    /// <summary>Loads every tensor of a file (memory-mapped; copies into new tensors).</summary>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        using var file = new SafeTensorsFile(path);
        return file.ReadAll(device);
    }

    /// <summary>
    /// Writes tensors (any device and dtype the format knows) in name order, with optional
    /// string metadata. The header is space-padded to a multiple of 8 bytes so data is aligned.
    /// The file is written to a temporary name and renamed, so a crash never leaves half a file.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var sizes = new long[names.Length];
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            for (var i = 0; i < names.Length; i++)
            {
                var t = tensors[names[i]];
                var dtype = t.dtype;
                var shape = t.shape;
                sizes[i] = shape.Aggregate(1L, (a, b) => a * b) * SafeTensorsDType.ElementSize(dtype);
                json.WriteStartObject(names[i]);
                json.WriteString("dtype", SafeTensorsDType.Name(dtype));
                json.WriteStartArray("shape");
                foreach (var s in shape) json.WriteNumberValue(s);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + sizes[i]);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += sizes[i];
            }
            json.WriteEndObject();
        }
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');

        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            header.Position = 0;
            header.CopyTo(stream);
            var buffer = new byte[sizes.Length == 0 ? 0 : sizes.Max()];
            for (var i = 0; i < names.Length; i++)
            {
                var span = buffer.AsSpan(0, checked((int)sizes[i]));
                // libtorch hands out host bytes only for a contiguous CPU tensor.
                using (var host = tensors[names[i]].detach().cpu().contiguous())
                    if (span.Length > 0) host.bytes.CopyTo(span);
                stream.Write(span);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
