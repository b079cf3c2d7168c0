using MedVid.Evaluation.Frames;

namespace MedVid.Evaluation.Pixel;

/// <summary>No-reference image-quality proxies of one video, each the mean over its frames.</summary>
/// <param name="Sharpness">Variance of the 4-neighbour Laplacian of luma (higher is sharper; grows with detail, so compare like content).</param>
/// <param name="NoiseSigma">Immerkær's estimate of additive noise standard deviation on luma, 0..255 scale (lower is cleaner).</param>
/// <param name="DarkClippedFraction">Share of pixels with luma at or below 2: crushed shadows (or a scan's black background).</param>
/// <param name="BrightClippedFraction">Share of pixels with luma at or above 253: blown highlights.</param>
/// <param name="MeanSaturation">Mean HSV saturation (max - min) / max over pixels, 0 for grey, 1 for pure colours.</param>
public sealed record ImagingQualityResult(double Sharpness, double NoiseSigma, double DarkClippedFraction, double BrightClippedFraction, double MeanSaturation);

/// <summary>
/// Stand-ins for VBench's imaging quality (MUSIQ, Ke et al. ICCV 2021, a learned predictor whose weights cannot be
/// downloaded here) built from classical no-reference measures, reported separately rather than folded into one score:
/// sharpness as the variance of the Laplacian (Pech-Pacheco et al., "Diatom autofocusing in brightfield microscopy",
/// ICPR 2000); noise by Immerkær, "Fast noise variance estimation", CVIU 1996 (the mask [1 -2 1; -2 4 -2; 1 -2 1]
/// cancels locally linear image structure and leaves noise: sigma = sqrt(pi/2) / (6 (W-2)(H-2)) x sum |I * mask|;
/// strong texture inflates it); exposure as the shares of clipped luma; colour saturation as HSV's S (Smith 1978).
/// </summary>
public static class ImagingQuality
{
    public const float DarkClipLuma = 2f;
    public const float BrightClipLuma = 253f;

    public static ImagingQualityResult Measure(FrameSequence video)
    {
        double sharpness = 0, noise = 0, dark = 0, bright = 0, saturation = 0;
        for (var t = 0; t < video.Count; t++)
        {
            var luma = video.LumaOf(t);
            sharpness += LaplacianVariance(luma, video.Width, video.Height);
            noise += ImmerkaerNoiseSigma(luma, video.Width, video.Height);
            dark += luma.Count(v => v <= DarkClipLuma) / (double)luma.Length;
            bright += luma.Count(v => v >= BrightClipLuma) / (double)luma.Length;
            saturation += MeanSaturation(video.Rgb(t));
        }
        var n = video.Count;
        return new ImagingQualityResult(sharpness / n, noise / n, dark / n, bright / n, saturation / n);
    }

    /// <summary>Variance of the response to [0 1 0; 1 -4 1; 0 1 0] over interior pixels.</summary>
    public static double LaplacianVariance(float[] luma, int width, int height)
    {
        if (width < 3 || height < 3) return 0;
        double sum = 0, sumSquares = 0;
        for (var y = 1; y < height - 1; y++)
            for (var x = 1; x < width - 1; x++)
            {
                var i = y * width + x;
                double response = luma[i - 1] + luma[i + 1] + luma[i - width] + luma[i + width] - 4 * luma[i];
                sum += response;
                sumSquares += response * response;
            }
        var count = (double)(width - 2) * (height - 2);
        var mean = sum / count;
        return sumSquares / count - mean * mean;
    }

    public static double ImmerkaerNoiseSigma(float[] luma, int width, int height)
    {
        if (width < 3 || height < 3) return 0;
        double sum = 0;
        for (var y = 1; y < height - 1; y++)
            for (var x = 1; x < width - 1; x++)
            {
                var i = y * width + x;
                double response =
                    luma[i - width - 1] - 2 * luma[i - width] + luma[i - width + 1]
                    - 2 * luma[i - 1] + 4 * luma[i] - 2 * luma[i + 1]
                    + luma[i + width - 1] - 2 * luma[i + width] + luma[i + width + 1];
                sum += Math.Abs(response);
            }
        return Math.Sqrt(Math.PI / 2) * sum / (6.0 * (width - 2) * (height - 2));
    }

    public static double MeanSaturation(float[] rgb)
    {
        double sum = 0;
        for (var j = 0; j < rgb.Length; j += 3)
        {
            var max = Math.Max(rgb[j], Math.Max(rgb[j + 1], rgb[j + 2]));
            var min = Math.Min(rgb[j], Math.Min(rgb[j + 1], rgb[j + 2]));
            if (max > 0) sum += (max - min) / max;
        }
        return sum / (rgb.Length / 3);
    }
}
