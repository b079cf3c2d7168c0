using MedVid.Video;
namespace MedVid.Curation.Imaging;

/// <summary>MedGen's border localisation: Canny edges, then a Hough vote restricted to horizontal
/// and vertical lines (a border edge is axis-aligned, so only those two angles need an
/// accumulator). In the outer quarter of each side, the innermost line whose vote reaches the
/// required fraction of the line length and whose outer band is dark (mean luma at or below the
/// limit) is the border edge.</summary>
public static class CannyHoughBorderDetector
{
    private const double SearchFraction = 0.25;

    public static BorderInsets Detect(GrayImage image, double limit, double cannyLow, double cannyHigh, double minLineFraction)
    {
        int w = image.Width, h = image.Height;
        var edges = Canny.Detect(image, cannyLow, cannyHigh);

        // Hough accumulators for theta = 90 deg (rho = row) and theta = 0 deg (rho = column).
        var rowVotes = new int[h];
        var columnVotes = new int[w];
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            if (!edges[y * w + x]) continue;
            rowVotes[y]++;
            columnVotes[x]++;
        }

        var rowMeans = LineMeans(image, rows: true);
        var columnMeans = LineMeans(image, rows: false);
        int top = FindEdge(rowVotes, rowMeans, w * minLineFraction, limit, fromEnd: false);
        int bottom = FindEdge(rowVotes, rowMeans, w * minLineFraction, limit, fromEnd: true);
        int left = FindEdge(columnVotes, columnMeans, h * minLineFraction, limit, fromEnd: false);
        int right = FindEdge(columnVotes, columnMeans, h * minLineFraction, limit, fromEnd: true);
        return new BorderInsets(top, bottom, left, right);
    }

    /// <summary>Thickness of the border on one side: 0 when no accepted line has a dark band outside it.</summary>
    private static int FindEdge(int[] votes, double[] means, double minVotes, double limit, bool fromEnd)
    {
        int n = votes.Length;
        int searchDepth = Math.Max(1, (int)(n * SearchFraction));
        int thickness = 0;
        double bandSum = 0;
        for (int depth = 0; depth < searchDepth; depth++)
        {
            int line = fromEnd ? n - 1 - depth : depth;
            // The band outside this line is lines [0, depth); it must be dark for a border.
            bool darkOutside = depth > 0 && bandSum / depth <= limit;
            if (votes[line] >= minVotes && darkOutside) thickness = depth;
            bandSum += means[line];
        }
        // The Canny ridge sits on the last dark line or the first bright one; count dark lines only.
        while (thickness > 0 && means[fromEnd ? n - thickness : thickness - 1] > limit) thickness--;
        while (thickness < n && means[fromEnd ? n - 1 - thickness : thickness] <= limit) thickness++;
        return thickness;
    }

    private static double[] LineMeans(GrayImage image, bool rows)
    {
        int count = rows ? image.Height : image.Width, length = rows ? image.Width : image.Height;
        var means = new double[count];
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
            means[rows ? y : x] += image[x, y];
        for (int i = 0; i < count; i++) means[i] /= length;
        return means;
    }
}
