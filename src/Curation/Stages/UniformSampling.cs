namespace MedVid.Curation.Stages;

/// <summary>Uniformly spaced indices, the way MedGen samples 5 frames per clip and Ophora samples 49.</summary>
public static class UniformSampling
{
    /// <summary><paramref name="count"/> indices spread evenly over [0, length), centred in equal segments
    /// (so 1 sample of 10 frames is frame 5, not frame 0); fewer when the clip is shorter.</summary>
    public static int[] Indices(int length, int count)
    {
        if (length <= 0 || count <= 0) return [];
        if (count >= length) return Enumerable.Range(0, length).ToArray();
        var indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = (int)Math.Floor((i + 0.5) * length / count);
        return indices;
    }
}
