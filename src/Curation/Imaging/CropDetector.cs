using MedVid.Video;
namespace MedVid.Curation.Imaging;

/// <summary>The black-border scan of ffmpeg's cropdetect filter: walking inward from each edge, a
/// line (row or column) belongs to the border while its mean luma is at or below the limit; the
/// first brighter line is content.</summary>
public static class CropDetector
{
    /// <summary>Border insets of one frame. A frame with no line brighter than the limit is all
    /// border: top = height and left = width.</summary>
    public static BorderInsets Detect(GrayImage image, double limit)
    {
        int w = image.Width, h = image.Height;
        var rowMeans = new double[h];
        var columnMeans = new double[w];
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            float v = image[x, y];
            rowMeans[y] += v;
            columnMeans[x] += v;
        }
        for (int y = 0; y < h; y++) rowMeans[y] /= w;
        for (int x = 0; x < w; x++) columnMeans[x] /= h;

        int top = 0;
        while (top < h && rowMeans[top] <= limit) top++;
        if (top == h) return new BorderInsets(h, 0, w, 0);
        int bottom = 0;
        while (rowMeans[h - 1 - bottom] <= limit) bottom++;
        int left = 0;
        while (left < w && columnMeans[left] <= limit) left++;
        // Content too thin to lift any column mean above the limit: the frame is all border.
        if (left == w) return new BorderInsets(h, 0, w, 0);
        int right = 0;
        while (columnMeans[w - 1 - right] <= limit) right++;
        return new BorderInsets(top, bottom, left, right);
    }
}
