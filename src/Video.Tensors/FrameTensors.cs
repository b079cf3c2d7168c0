using static TorchSharp.torch;

namespace MedVid.Video.Tensors;

/// <summary>Axis order of a video tensor. <see cref="TCHW"/> (time, channel, height, width) batches like
/// images; <see cref="CTHW"/> (channel, time, height, width) is what 3-D convolutions expect.</summary>
public enum VideoTensorLayout
{
    TCHW,
    CTHW,
}

/// <summary>
/// Converts <see cref="RgbFrame"/> sequences to float32 tensors of the engine and back. Pixel values map
/// linearly from bytes 0..255 to [-1, 1] (v = b / 127.5 - 1, the range diffusion models and VAEs are
/// trained on); channels are R, G, B. Back to frames, values are mapped with b = (v + 1) * 127.5, clamped
/// to 0..255 and rounded to the nearest byte, so bytes survive a round trip exactly.
/// </summary>
public static class FrameTensors
{
    /// <summary>Frames (all of one size) as a float32 tensor [T, 3, H, W] (or [3, T, H, W]) in [-1, 1].</summary>
    public static Tensor ToTensor(IReadOnlyList<RgbFrame> frames, VideoTensorLayout layout = VideoTensorLayout.TCHW, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0) throw new ArgumentException("A video tensor needs at least one frame.", nameof(frames));
        int width = frames[0].Width, height = frames[0].Height, count = frames.Count;
        int plane = checked(width * height);
        var data = new float[checked((long)count * 3 * plane)];
        for (int t = 0; t < count; t++)
        {
            var frame = frames[t];
            if (frame.Width != width || frame.Height != height)
                throw new ArgumentException($"Frame {t} is {frame.Width}x{frame.Height}; frame 0 is {width}x{height}. A video tensor needs frames of one size.", nameof(frames));
            if (frame.Pixels.Length != plane * 3)
                throw new ArgumentException($"Frame {t} holds {frame.Pixels.Length} bytes, not {plane * 3} (width x height x 3).", nameof(frames));
            var pixels = frame.Pixels;
            for (int c = 0; c < 3; c++)
            {
                // Offset of plane (t, c) in the chosen layout.
                long offset = layout == VideoTensorLayout.TCHW ? ((long)t * 3 + c) * plane : ((long)c * count + t) * plane;
                var target = data.AsSpan((int)offset, plane);
                for (int i = 0; i < plane; i++) target[i] = pixels[3 * i + c] / 127.5f - 1f;
            }
        }
        long[] shape = layout == VideoTensorLayout.TCHW ? [count, 3, height, width] : [3, count, height, width];
        return tensor(data, shape, device: device);
    }

    /// <summary>One frame as a float32 tensor [3, H, W] in [-1, 1].</summary>
    public static Tensor ToTensor(RgbFrame frame, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        using var video = ToTensor([frame], VideoTensorLayout.TCHW, device);
        return video.reshape(3, frame.Height, frame.Width);
    }

    /// <summary>A floating-point tensor [T, 3, H, W] (or [3, T, H, W]) on any device back to frames:
    /// (v + 1) * 127.5, clamped to 0..255, rounded to the nearest byte (ties to even).</summary>
    public static List<RgbFrame> ToFrames(Tensor video, VideoTensorLayout layout = VideoTensorLayout.TCHW)
    {
        ArgumentNullException.ThrowIfNull(video);
        var shape = video.shape;
        if (shape.Length != 4)
            throw new ArgumentException($"A video tensor has 4 dimensions ({layout}); this one has shape [{string.Join(", ", shape)}].", nameof(video));
        if (!video.is_floating_point())
            throw new ArgumentException($"A video tensor holds floating-point values in [-1, 1]; this one is {video.dtype}.", nameof(video));
        long count = layout == VideoTensorLayout.TCHW ? shape[0] : shape[1];
        long channels = layout == VideoTensorLayout.TCHW ? shape[1] : shape[0];
        if (channels != 3)
            throw new ArgumentException($"A video tensor has 3 channels (R, G, B) in layout {layout}; shape [{string.Join(", ", shape)}] has {channels}.", nameof(video));
        int height = checked((int)shape[2]), width = checked((int)shape[3]);
        int plane = checked(width * height);

        float[] data;
        using (var host = video.to(float32, CPU))
        using (var dense = host.contiguous())
            data = dense.data<float>().ToArray();

        var frames = new List<RgbFrame>((int)count);
        for (int t = 0; t < count; t++)
        {
            var pixels = new byte[plane * 3];
            for (int c = 0; c < 3; c++)
            {
                long offset = layout == VideoTensorLayout.TCHW ? ((long)t * 3 + c) * plane : ((long)c * count + t) * plane;
                var source = data.AsSpan((int)offset, plane);
                for (int i = 0; i < plane; i++) pixels[3 * i + c] = ToByte(source[i]);
            }
            frames.Add(new RgbFrame(width, height, pixels));
        }
        return frames;
    }

    /// <summary>One tensor [3, H, W] back to a frame.</summary>
    public static RgbFrame ToFrame(Tensor frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var shape = frame.shape;
        if (shape.Length != 3)
            throw new ArgumentException($"A frame tensor has 3 dimensions [3, H, W]; this one has shape [{string.Join(", ", shape)}].", nameof(frame));
        using var video = frame.unsqueeze(0);
        return ToFrames(video)[0];
    }

    private static byte ToByte(float value)
    {
        float scaled = (value + 1f) * 127.5f;
        if (!(scaled > 0f)) return 0; // also NaN
        if (scaled >= 255f) return 255;
        return (byte)MathF.Round(scaled, MidpointRounding.ToEven);
    }
}
