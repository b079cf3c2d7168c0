namespace MedVid.Video;

/// <summary>
/// yuv420p needs even dimensions. Padding with a copy of the last column/row (rather than black)
/// keeps the edge free of a dark line that would bleed into neighbouring pixels through chroma subsampling.
/// </summary>
internal static class FramePadding
{
    public static void CopyPadded(RgbFrame frame, byte[] destination, int paddedWidth, int paddedHeight)
    {
        var sourceRow = frame.Width * 3;
        var destinationRow = paddedWidth * 3;
        for (var y = 0; y < paddedHeight; y++)
        {
            var sourceY = Math.Min(y, frame.Height - 1);
            Array.Copy(frame.Pixels, sourceY * sourceRow, destination, y * destinationRow, sourceRow);
            if (paddedWidth > frame.Width)
                Array.Copy(frame.Pixels, sourceY * sourceRow + sourceRow - 3, destination, y * destinationRow + sourceRow, 3);
        }
    }
}
