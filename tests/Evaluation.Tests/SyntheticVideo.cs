using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Tests;

/// <summary>
/// Constructed videos with known answers: a smooth texture defined at every real position, so a translation by any
/// (sub-pixel) amount is exact, and per-frame edits (flash, noise, blur) of known size.
/// </summary>
internal static class SyntheticVideo
{
    /// <summary>Grey texture in roughly 55..200 (never clipped), wavelengths 9..31 px so that flow has gradients to follow.</summary>
    public static float Texture(double x, double y) => (float)(128
        + 30 * Math.Sin(0.21 * x + 0.13 * y + 0.5)
        + 25 * Math.Sin(-0.11 * x + 0.33 * y + 1.7)
        + 15 * Math.Sin(0.47 * x - 0.29 * y + 2.9));

    /// <summary>Frame t shows the texture moved by position(t): content at p in frame 0 is at p + position(t).</summary>
    public static FrameSequence Moving(int width, int height, int frames, double fps, Func<int, (double X, double Y)> position)
    {
        var list = new List<float[]>();
        for (var t = 0; t < frames; t++)
        {
            var (px, py) = position(t);
            var frame = new float[width * height * 3];
            for (int y = 0, j = 0; y < height; y++)
                for (var x = 0; x < width; x++, j += 3)
                    frame[j] = frame[j + 1] = frame[j + 2] = Texture(x - px, y - py);
            list.Add(frame);
        }
        return FrameSequence.FromRgb(width, height, fps, list);
    }

    public static FrameSequence Static(int width = 64, int height = 64, int frames = 16, double fps = 12) =>
        Moving(width, height, frames, fps, _ => (0, 0));

    public static FrameSequence Translating(double vx, double vy, int width = 64, int height = 64, int frames = 16, double fps = 12) =>
        Moving(width, height, frames, fps, t => (vx * t, vy * t));

    /// <summary>A copy of the video with <paramref name="edit"/> applied to each frame's packed RGB (t, pixels).</summary>
    public static FrameSequence Edited(FrameSequence video, Action<int, float[]> edit)
    {
        var frames = new List<float[]>();
        for (var t = 0; t < video.Count; t++)
        {
            var copy = (float[])video.Rgb(t).Clone();
            edit(t, copy);
            frames.Add(copy);
        }
        return FrameSequence.FromRgb(video.Width, video.Height, video.Fps, frames);
    }

    /// <summary>Adds independent Gaussian noise (Box-Muller, fixed seed) to every value.</summary>
    public static void AddNoise(float[] pixels, double sigma, Random random)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            pixels[i] += (float)(sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }
    }

    /// <summary>Box blur of radius r on a packed RGB frame, edges clamped.</summary>
    public static float[] BoxBlur(float[] rgb, int width, int height, int radius)
    {
        var result = new float[rgb.Length];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                for (var c = 0; c < 3; c++)
                {
                    float sum = 0;
                    var n = 0;
                    for (var dy = -radius; dy <= radius; dy++)
                        for (var dx = -radius; dx <= radius; dx++, n++)
                            sum += rgb[(Math.Clamp(y + dy, 0, height - 1) * width + Math.Clamp(x + dx, 0, width - 1)) * 3 + c];
                    result[(y * width + x) * 3 + c] = sum / n;
                }
        return result;
    }
}
