using MedVid.Evaluation.Flow;
using MedVid.Evaluation.Frames;
using OpenCvSharp;

namespace MedVid.Evaluation.Pixel;

/// <summary>Motion smoothness of one video.</summary>
/// <param name="Score">1 - (mean absolute error of the interpolated frames) / 255, in [0, 1]; 1 means every dropped frame was predicted exactly.</param>
/// <param name="MeanAbsoluteError">Mean |interpolated - actual| over the dropped frames, pixels and channels, 0..255.</param>
/// <param name="FrameErrors">Per dropped frame (1, 3, 5, ...), its mean absolute error.</param>
public sealed record MotionSmoothnessResult(double Score, double MeanAbsoluteError, IReadOnlyList<double> FrameErrors);

/// <summary>
/// VBench's motion smoothness (Huang et al., "VBench", CVPR 2024, section 3.1; Bora table 3, MedGen table 2): drop the
/// odd frames, re-create each from its two even neighbours with a frame interpolator, and score (255 - MAE) / 255
/// between the re-created and the real frames. Motion that follows a smooth path is predicted well; jerks, jumps and
/// stutter are not. VBench interpolates with the AMT network, whose weights cannot be downloaded here; this is the
/// classical flow-based interpolator instead: Farnebäck flow F from frame 2k to 2k+2, and the middle frame as the mean
/// of frame 2k sampled at p - F(p)/2 and frame 2k+2 sampled at p + F(p)/2 (linear motion, flow assumed locally smooth).
/// Scores are therefore comparable across MedVid's checkpoints, not with VBench's published numbers.
/// </summary>
public static class MotionSmoothness
{
    public static MotionSmoothnessResult Measure(FrameSequence video)
    {
        if (video.Count < 3) throw new ArgumentException("Motion smoothness needs at least three frames.", nameof(video));
        var errors = new List<double>();
        for (var t = 0; t + 2 < video.Count; t += 2)
        {
            var predicted = Interpolate(video, t, t + 2);
            var actual = video.Rgb(t + 1);
            double sum = 0;
            for (var i = 0; i < actual.Length; i++) sum += Math.Abs(predicted[i] - actual[i]);
            errors.Add(sum / actual.Length);
        }
        var mean = errors.Average();
        return new MotionSmoothnessResult(1 - mean / 255, mean, errors);
    }

    /// <summary>The frame halfway between frames <paramref name="first"/> and <paramref name="second"/>, packed RGB 0..255.</summary>
    internal static float[] Interpolate(FrameSequence video, int first, int second)
    {
        var flow = FarnebackFlow.Between(video, first, second);
        var (width, height) = (video.Width, video.Height);
        var backX = new float[width * height];
        var backY = new float[width * height];
        var aheadX = new float[width * height];
        var aheadY = new float[width * height];
        for (int y = 0, i = 0; y < height; y++)
            for (var x = 0; x < width; x++, i++)
            {
                var (hx, hy) = (flow.Dx[i] / 2, flow.Dy[i] / 2);
                (backX[i], backY[i]) = (x - hx, y - hy);
                (aheadX[i], aheadY[i]) = (x + hx, y + hy);
            }
        var fromFirst = Sample(video.Rgb(first), width, height, backX, backY);
        var fromSecond = Sample(video.Rgb(second), width, height, aheadX, aheadY);
        for (var i = 0; i < fromFirst.Length; i++) fromFirst[i] = (fromFirst[i] + fromSecond[i]) / 2;
        return fromFirst;
    }

    /// <summary>Bilinear sampling of a packed RGB image at the given positions, edges replicated.</summary>
    private static float[] Sample(float[] rgb, int width, int height, float[] mapX, float[] mapY)
    {
        var packed = new Vec3f[width * height];
        for (int i = 0, j = 0; i < packed.Length; i++, j += 3) packed[i] = new Vec3f(rgb[j], rgb[j + 1], rgb[j + 2]);
        using var source = new Mat(height, width, MatType.CV_32FC3);
        source.SetArray(packed);
        using var xs = FarnebackFlow.ToMat(mapX, width, height);
        using var ys = FarnebackFlow.ToMat(mapY, width, height);
        using var sampled = new Mat();
        Cv2.Remap(source, sampled, xs, ys, InterpolationFlags.Linear, BorderTypes.Replicate);
        var result = new float[rgb.Length];
        sampled.GetArray(out Vec3f[] pixels);
        for (int i = 0, j = 0; i < pixels.Length; i++, j += 3)
            (result[j], result[j + 1], result[j + 2]) = (pixels[i].Item0, pixels[i].Item1, pixels[i].Item2);
        return result;
    }
}
