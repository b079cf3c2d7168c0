using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MedVid.Video;

namespace MedVid.Curation.Imaging;

/// <summary>Minimal image writers: binary PGM for the OCR engine (tesseract reads it through
/// leptonica) and 8-bit RGB PNG for the chat captioner's image inputs.</summary>
public static class ImageFiles
{
    public static byte[] ToPgm(GrayImage image)
    {
        var header = Encoding.ASCII.GetBytes($"P5\n{image.Width} {image.Height}\n255\n");
        var bytes = new byte[header.Length + image.Data.Length];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < image.Data.Length; i++) bytes[header.Length + i] = (byte)Math.Clamp(Math.Round(image.Data[i]), 0, 255);
        return bytes;
    }

    public static byte[] ToPng(RgbFrame frame)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), frame.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), frame.Height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: truecolour
        WriteChunk(output, "IHDR", ihdr);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            int stride = frame.Width * 3;
            for (int y = 0; y < frame.Height; y++)
            {
                zlib.WriteByte(0); // filter type: none
                zlib.Write(frame.Pixels, y * stride, stride);
            }
        }
        WriteChunk(output, "IDAT", raw.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        uint crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }

    /// <summary>CRC-32 (IEEE) as PNG chunks require; System.IO.Hashing does not restore here.</summary>
    private static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }

        public static uint Update(uint crc, byte[] data)
        {
            foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }
    }
}
