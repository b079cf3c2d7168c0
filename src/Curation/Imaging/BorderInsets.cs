namespace MedVid.Curation.Imaging;

/// <summary>Thickness in pixels of the dark band on each edge of a frame.</summary>
public readonly record struct BorderInsets(int Top, int Bottom, int Left, int Right)
{
    /// <summary>The content rectangle a crop would keep in a <paramref name="width"/> x <paramref name="height"/> frame.</summary>
    public (int X, int Y, int Width, int Height) CropRectangle(int width, int height) =>
        (Left, Top, Math.Max(0, width - Left - Right), Math.Max(0, height - Top - Bottom));

    /// <summary>The border present on every frame: the thinnest band per side (cropdetect unions
    /// the content area over frames the same way).</summary>
    public static BorderInsets Persistent(IEnumerable<BorderInsets> perFrame)
    {
        var list = perFrame.ToList();
        if (list.Count == 0) return default;
        return new BorderInsets(list.Min(b => b.Top), list.Min(b => b.Bottom), list.Min(b => b.Left), list.Min(b => b.Right));
    }
}
