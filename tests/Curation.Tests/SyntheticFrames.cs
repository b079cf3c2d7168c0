namespace MedVid.Curation.Tests;

/// <summary>Frames built in code, so every stage can be tested without decoding video.</summary>
internal static class SyntheticFrames
{
    /// <summary>A smooth coloured texture (sum of low-frequency sines) tinted by <paramref name="hue"/> (0..1),
    /// sampled at an offset so shifting it simulates a camera pan.</summary>
    public static RgbFrame Texture(int width, int height, double hue, double offsetX = 0, double offsetY = 0, double frequency = 1.0)
    {
        var frame = RgbFrame.Blank(width, height);
        var (r, g, b) = HueToRgb(hue);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double u = (x + offsetX) * frequency, v = (y + offsetY) * frequency;
            double t = 0.5 + 0.25 * Math.Sin(u * 0.21) * Math.Cos(v * 0.17) + 0.25 * Math.Sin((u + v) * 0.11);
            double shade = 40 + 200 * t;
            int i = frame.Index(x, y);
            frame.Pixels[i] = (byte)Math.Clamp(shade * r, 0, 255);
            frame.Pixels[i + 1] = (byte)Math.Clamp(shade * g, 0, 255);
            frame.Pixels[i + 2] = (byte)Math.Clamp(shade * b, 0, 255);
        }
        return frame;
    }

    /// <summary>Seeded colour noise: every pixel independent, so any shift changes it completely.</summary>
    public static RgbFrame Noise(int width, int height, int seed, int low = 30, int high = 230)
    {
        var frame = RgbFrame.Blank(width, height);
        var random = new Random(seed);
        for (int i = 0; i < frame.Pixels.Length; i++) frame.Pixels[i] = (byte)random.Next(low, high);
        return frame;
    }

    /// <summary>Random colour blocks of <paramref name="blockSize"/> pixels: sharp, well exposed, and
    /// (for block sizes coprime with 8) without a codec-like 8x8 grid.</summary>
    public static RgbFrame Blocks(int width, int height, int blockSize, int seed)
    {
        var frame = RgbFrame.Blank(width, height);
        var random = new Random(seed);
        int columns = (width + blockSize - 1) / blockSize, rows = (height + blockSize - 1) / blockSize;
        var colours = new byte[columns * rows * 3];
        for (int i = 0; i < colours.Length; i++) colours[i] = (byte)random.Next(40, 220);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            Array.Copy(colours, ((y / blockSize) * columns + x / blockSize) * 3, frame.Pixels, frame.Index(x, y), 3);
        return frame;
    }

    /// <summary>A window of <paramref name="width"/> x <paramref name="height"/> onto a larger noise image, shifted by (dx, dy).</summary>
    public static RgbFrame NoiseWindow(RgbFrame world, int width, int height, int dx, int dy)
    {
        var frame = RgbFrame.Blank(width, height);
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            int sx = (x + dx) % world.Width, sy = (y + dy) % world.Height;
            Array.Copy(world.Pixels, world.Index(sx, sy), frame.Pixels, frame.Index(x, y), 3);
        }
        return frame;
    }

    public static RgbFrame Solid(int width, int height, byte r, byte g, byte b)
    {
        var frame = RgbFrame.Blank(width, height);
        for (int i = 0; i < frame.Pixels.Length; i += 3)
        {
            frame.Pixels[i] = r;
            frame.Pixels[i + 1] = g;
            frame.Pixels[i + 2] = b;
        }
        return frame;
    }

    /// <summary>Paints black bands onto a copy of the frame.</summary>
    public static RgbFrame WithBorders(RgbFrame frame, int top, int bottom, int left, int right)
    {
        var copy = frame with { Pixels = (byte[])frame.Pixels.Clone() };
        for (int y = 0; y < frame.Height; y++)
        for (int x = 0; x < frame.Width; x++)
        {
            if (y < top || y >= frame.Height - bottom || x < left || x >= frame.Width - right)
            {
                int i = copy.Index(x, y);
                copy.Pixels[i] = copy.Pixels[i + 1] = copy.Pixels[i + 2] = 0;
            }
        }
        return copy;
    }

    /// <summary>A sequence of static scenes of distinct hues, <paramref name="sceneLength"/> frames each.</summary>
    public static List<RgbFrame> HardCuts(int scenes, int sceneLength, int width = 64, int height = 48)
    {
        var frames = new List<RgbFrame>();
        for (int s = 0; s < scenes; s++)
        {
            // Alternate hues far apart and shift the pattern so hue, saturation and value all change at a cut.
            var scene = Texture(width, height, (s * 0.37) % 1.0, offsetX: s * 37, offsetY: s * 11);
            for (int i = 0; i < sceneLength; i++) frames.Add(scene);
        }
        return frames;
    }

    private static (double R, double G, double B) HueToRgb(double hue)
    {
        double h = hue * 6;
        double x = 1 - Math.Abs(h % 2 - 1);
        return (int)h switch
        {
            0 => (1, x, 0.2),
            1 => (x, 1, 0.2),
            2 => (0.2, 1, x),
            3 => (0.2, x, 1),
            4 => (x, 0.2, 1),
            _ => (1, 0.2, x),
        };
    }
}
