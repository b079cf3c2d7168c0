using MedVid.Video;

namespace MedVid.Evaluation.Frames;

/// <summary>
/// A video as the metrics read it: T frames of packed RGB floats on the 0..255 scale (row-major, H*W*3 per frame) plus
/// their BT.601 luma. Floats rather than bytes so that decoded frames and a model's float output are judged alike.
/// </summary>
public sealed class FrameSequence
{
    private readonly float[][] _rgb;
    private readonly float[][] _luma;

    private FrameSequence(int width, int height, double fps, float[][] rgb)
    {
        if (rgb.Length == 0) throw new ArgumentException("A video needs at least one frame.", nameof(rgb));
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Frames must be non-empty.");
        if (!(fps > 0)) throw new ArgumentOutOfRangeException(nameof(fps), "Frame rate must be positive.");
        Width = width;
        Height = height;
        Fps = fps;
        _rgb = rgb;
        _luma = rgb.Select(Luma).ToArray();
    }

    public int Width { get; }
    public int Height { get; }
    public int Count => _rgb.Length;
    public double Fps { get; }

    /// <summary>Frame t as packed RGB, 0..255 floats. Do not modify.</summary>
    public float[] Rgb(int t) => _rgb[t];

    /// <summary>Frame t as luma (0.299 R + 0.587 G + 0.114 B), 0..255. Do not modify.</summary>
    public float[] LumaOf(int t) => _luma[t];

    public static FrameSequence FromRgbFrames(IReadOnlyList<RgbFrame> frames, double fps)
    {
        if (frames.Count == 0) throw new ArgumentException("A video needs at least one frame.", nameof(frames));
        var (width, height) = (frames[0].Width, frames[0].Height);
        var rgb = new float[frames.Count][];
        for (var t = 0; t < frames.Count; t++)
        {
            var frame = frames[t];
            if (frame.Width != width || frame.Height != height)
                throw new ArgumentException($"Frame {t} is {frame.Width}x{frame.Height}, frame 0 is {width}x{height}.", nameof(frames));
            rgb[t] = Array.ConvertAll(frame.Pixels, b => (float)b);
        }
        return new FrameSequence(width, height, fps, rgb);
    }

    /// <summary>The frames as 8-bit RGB (rounded and clamped), for estimators that read <see cref="RgbFrame"/>s.</summary>
    public IReadOnlyList<RgbFrame> ToRgbFrames() =>
        [.. _rgb.Select(frame => new RgbFrame(Width, Height, Array.ConvertAll(frame, v => (byte)Math.Clamp(Math.Round(v), 0, 255))))];

    /// <summary>From a [T, H, W, 3] array with values in 0..1 (a decoder's or model's float output).</summary>
    public static FrameSequence FromUnitRange(float[,,,] thwc, double fps)
    {
        var (count, height, width) = (thwc.GetLength(0), thwc.GetLength(1), thwc.GetLength(2));
        if (thwc.GetLength(3) != 3) throw new ArgumentException("The last axis must hold R, G, B.", nameof(thwc));
        var rgb = new float[count][];
        for (var t = 0; t < count; t++)
        {
            var frame = rgb[t] = new float[width * height * 3];
            for (int y = 0, i = 0; y < height; y++)
                for (var x = 0; x < width; x++)
                    for (var c = 0; c < 3; c++, i++)
                        frame[i] = 255f * Math.Clamp(thwc[t, y, x, c], 0f, 1f);
        }
        return new FrameSequence(width, height, fps, rgb);
    }

    /// <summary>
    /// From packed RGB frames on the 0..255 scale. The frames are copied and clamped to 0..255, as a decoded video would
    /// be, so that an out-of-range model output cannot push a metric outside its stated range.
    /// </summary>
    public static FrameSequence FromRgb(int width, int height, double fps, IReadOnlyList<float[]> frames)
    {
        var copies = new float[frames.Count][];
        for (var t = 0; t < frames.Count; t++)
        {
            if (frames[t].Length != width * height * 3)
                throw new ArgumentException($"Each frame must hold {width}x{height}x3 values.", nameof(frames));
            copies[t] = Array.ConvertAll(frames[t], v => Math.Clamp(v, 0f, 255f));
        }
        return new FrameSequence(width, height, fps, copies);
    }

    /// <summary>Every <paramref name="stride"/>-th frame, at the correspondingly lower frame rate.</summary>
    public FrameSequence EveryNth(int stride)
    {
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride));
        if (stride == 1) return this;
        var kept = Enumerable.Range(0, (Count + stride - 1) / stride).Select(i => _rgb[i * stride]).ToArray();
        return new FrameSequence(Width, Height, Fps / stride, kept);
    }

    private static float[] Luma(float[] rgb)
    {
        var luma = new float[rgb.Length / 3];
        for (int i = 0, j = 0; i < luma.Length; i++, j += 3)
            luma[i] = 0.299f * rgb[j] + 0.587f * rgb[j + 1] + 0.114f * rgb[j + 2];
        return luma;
    }
}
