using MedVid.Evaluation.Frames;
using OpenCvSharp;

namespace MedVid.Evaluation.Flow;

/// <summary>
/// Dense optical flow between two luma frames by OpenCV's Farnebäck implementation (OpenCvSharp4 with its official
/// Linux runtime, which loads on Debian 12: see docs/evaluation.md). VBench uses RAFT, a learned estimator whose weights
/// cannot be downloaded here; Farnebäck needs none and is accurate to a fraction of a pixel on textured content.
/// </summary>
public static class FarnebackFlow
{
    /// <summary>Flow from frame <paramref name="from"/> to frame <paramref name="to"/> of the video.</summary>
    public static FlowField Between(FrameSequence video, int from, int to, FarnebackOptions? options = null) =>
        Compute(video.LumaOf(from), video.LumaOf(to), video.Width, video.Height, options ?? FarnebackOptions.Default);

    /// <summary>Flow between two luma images (0..255 floats, row-major).</summary>
    public static FlowField Compute(float[] first, float[] second, int width, int height, FarnebackOptions options)
    {
        using var a = ToMat(first, width, height);
        using var b = ToMat(second, width, height);
        using var flow = new Mat();
        Cv2.CalcOpticalFlowFarneback(a, b, flow, options.PyramidScale, options.Levels, options.WindowSize,
            options.Iterations, options.PolynomialNeighbourhood, options.PolynomialSigma, OpticalFlowFlags.None);
        flow.GetArray(out Vec2f[] vectors);
        var dx = new float[vectors.Length];
        var dy = new float[vectors.Length];
        for (var i = 0; i < vectors.Length; i++)
        {
            dx[i] = vectors[i].Item0;
            dy[i] = vectors[i].Item1;
        }
        return new FlowField(width, height, dx, dy);
    }

    /// <summary>Flows between each frame and the next (T - 1 fields).</summary>
    public static IReadOnlyList<FlowField> Consecutive(FrameSequence video, FarnebackOptions? options = null) =>
        Enumerable.Range(0, video.Count - 1).Select(t => Between(video, t, t + 1, options)).ToList();

    internal static Mat ToMat(float[] plane, int width, int height)
    {
        var mat = new Mat(height, width, MatType.CV_32FC1);
        mat.SetArray(plane);
        return mat;
    }
}
