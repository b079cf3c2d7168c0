using System.Buffers.Binary;

namespace MedVid.Video;

/// <summary>
/// Cheap truncation check for MP4/MOV (ISO base media) files: walks the top-level boxes and
/// verifies that each one fits inside the file. A faststart MP4 cut short still probes fine
/// (its moov index is at the front) but its mdat box then claims more bytes than the file has.
/// Reads only a few bytes per top-level box, so it costs the same for 1 MB and 10 GB files.
/// </summary>
internal static class IsoBmffIntegrity
{
    /// <summary>Returns null when the box layout is consistent, otherwise why it is not.</summary>
    public static string? FindProblem(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var length = stream.Length;
        Span<byte> header = stackalloc byte[16];
        long offset = 0;
        var sawMoov = false;
        var sawMdat = false;
        while (offset < length)
        {
            // Fewer than 8 bytes cannot hold a box header; some muxers pad the end, so tolerate it.
            if (length - offset < 8)
                break;
            stream.Position = offset;
            stream.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header.Slice(4, 4));
            var headerSize = 8;
            if (size == 1)
            {
                if (length - offset < 16)
                    return $"the '{type}' box header is cut off";
                stream.ReadExactly(header.Slice(8, 8));
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                // Size 0 means "to the end of the file" (allowed for the last box).
                size = length - offset;
            }

            if (size < headerSize)
                return $"the '{type}' box at byte {offset} has an impossible size {size}";
            if (offset + size > length)
                return $"the '{type}' box needs {size} bytes but only {length - offset} remain";
            sawMoov |= type == "moov";
            sawMdat |= type == "mdat";
            offset += size;
        }
        if (!sawMoov)
            return "the index ('moov' box) is missing";
        return sawMdat ? null : "the media data ('mdat' box) is missing";
    }

    public static bool LooksLikeIsoBmff(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> header = stackalloc byte[8];
        if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8)
            return false;
        var type = System.Text.Encoding.ASCII.GetString(header.Slice(4, 4));
        return type is "ftyp" or "moov" or "mdat" or "free" or "skip" or "wide" or "pnot";
    }
}
