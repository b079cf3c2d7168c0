using MedVid.Video;
namespace MedVid.Curation.Imaging;

/// <summary>No-reference technical quality measures on a luma plane.</summary>
public static class QualityMetrics
{
    /// <summary>Variance of the Laplacian: high for sharp detail, low for blur (Pech-Pacheco et al.).</summary>
    public static double Sharpness(GrayImage image)
    {
        var laplacian = Convolution.Laplacian(image);
        double mean = laplacian.Mean(), variance = 0;
        foreach (var v in laplacian.Data) variance += (v - mean) * (v - mean);
        return variance / laplacian.Data.Length;
    }

    /// <summary>Fraction of pixels crushed to black (&lt;= 5) or blown to white (&gt;= 250).</summary>
    public static double ClippedFraction(GrayImage image)
    {
        int clipped = 0;
        foreach (var v in image.Data)
            if (v <= 5 || v >= 250) clipped++;
        return (double)clipped / image.Data.Length;
    }

    /// <summary>Blockiness: mean absolute luma step across 8-pixel block boundaries divided by the
    /// mean step elsewhere. Block-based codecs at low bitrate flatten each 8x8 block, so steps
    /// concentrate on the grid and the ratio rises well above 1.</summary>
    public static double Blockiness(GrayImage image, int blockSize = 8)
    {
        double boundary = 0, interior = 0;
        long boundaryCount = 0, interiorCount = 0;
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x + 1 < image.Width; x++)
        {
            double step = Math.Abs(image[x + 1, y] - image[x, y]);
            if ((x + 1) % blockSize == 0) { boundary += step; boundaryCount++; }
            else { interior += step; interiorCount++; }
        }
        for (int y = 0; y + 1 < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
        {
            double step = Math.Abs(image[x, y + 1] - image[x, y]);
            if ((y + 1) % blockSize == 0) { boundary += step; boundaryCount++; }
            else { interior += step; interiorCount++; }
        }
        if (boundaryCount == 0 || interiorCount == 0) return 1;
        // The 0.5 offsets keep flat images at a ratio of 1 instead of 0/0.
        return (boundary / boundaryCount + 0.5) / (interior / interiorCount + 0.5);
    }

    /// <summary>Fraction of pixels whose L1 Sobel magnitude exceeds <paramref name="magnitude"/>;
    /// text and watermarks are dense in strong edges, plain tissue and flat frames are not.</summary>
    public static double EdgeDensity(GrayImage image, double magnitude)
    {
        var (gx, gy) = Convolution.Sobel(image);
        int strong = 0;
        for (int i = 0; i < gx.Data.Length; i++)
            if (Math.Abs(gx.Data[i]) + Math.Abs(gy.Data[i]) > magnitude) strong++;
        return (double)strong / gx.Data.Length;
    }
}
