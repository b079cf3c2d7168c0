using static TorchSharp.torch;

namespace MedVid.Models.I3d;

/// <summary>
/// TensorFlow's "SAME" padding for 3-D convolutions and pools, as the Kinetics I3D was trained with: per dimension
/// max(k - s, 0) when the size divides by the stride, else max(k - size mod s, 0), the smaller half in front.
/// </summary>
internal static class SamePadding
{
    public static Tensor Pad(Tensor x, (long T, long H, long W) kernel, (long T, long H, long W) stride)
    {
        var (t, h, w) = (x.shape[2], x.shape[3], x.shape[4]);
        var (pt, ph, pw) = (Amount(t, kernel.T, stride.T), Amount(h, kernel.H, stride.H), Amount(w, kernel.W, stride.W));
        if (pt == 0 && ph == 0 && pw == 0) return x.alias();
        return nn.functional.pad(x, [pw / 2, pw - pw / 2, ph / 2, ph - ph / 2, pt / 2, pt - pt / 2]);
    }

    private static long Amount(long size, long kernel, long stride) =>
        size % stride == 0 ? Math.Max(kernel - stride, 0) : Math.Max(kernel - size % stride, 0);
}
