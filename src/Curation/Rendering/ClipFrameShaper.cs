using MedVid.Curation.Config;
using MedVid.Curation.Imaging;
using MedVid.Video;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Rendering;

/// <summary>Turns a clip's decoded frames into training frames: Bora's resize-shortest-side-then-
/// center-crop to the output size (medical content is usually centred, so the crop loses the
/// periphery), then the frame plan's selection and zero padding.</summary>
public static class ClipFrameShaper
{
    /// <summary>Scales so the frame covers the target (the shorter side, relative to the target's
    /// aspect, reaches it), then crops the centre. For a square target that is exactly Bora's rule.</summary>
    public static RgbFrame ResizeAndCenterCrop(RgbFrame frame, int width, int height)
    {
        double scale = Math.Max((double)width / frame.Width, (double)height / frame.Height);
        int scaledWidth = Math.Max(width, (int)Math.Round(frame.Width * scale));
        int scaledHeight = Math.Max(height, (int)Math.Round(frame.Height * scale));
        var scaled = FrameResizer.Resize(frame, scaledWidth, scaledHeight);
        return FrameResizer.Crop(scaled, (scaledWidth - width) / 2, (scaledHeight - height) / 2, width, height);
    }

    /// <summary>The output frames of a clip: <paramref name="clipFrames"/> are the clip's frames at the
    /// analysis frame rate (any resolution); the plan's indices refer to them.</summary>
    public static IReadOnlyList<RgbFrame> Shape(IReadOnlyList<RgbFrame> clipFrames, FramePlan plan, OutputShapeConfig output)
    {
        var shaped = new List<RgbFrame>(plan.OutputFrameCount);
        foreach (var index in plan.FrameIndices)
        {
            // A decoder may return a frame or two fewer than analysis did at a clip's end; reuse the last.
            var frame = clipFrames[Math.Min(index, clipFrames.Count - 1)];
            shaped.Add(ResizeAndCenterCrop(frame, output.Width, output.Height));
        }
        for (int i = 0; i < plan.PaddingFrames; i++) shaped.Add(RgbFrame.Blank(output.Width, output.Height));
        return shaped;
    }
}
