namespace MedVid.Curation.Clips;

/// <summary>A fixed-width histogram: bin i counts values in [i*BinWidth, (i+1)*BinWidth).</summary>
public sealed record Histogram(string Unit, double BinWidth, IReadOnlyList<HistogramBin> Bins)
{
    public static Histogram Of(IEnumerable<double> values, double binWidth, string unit)
    {
        if (binWidth <= 0) throw new ArgumentOutOfRangeException(nameof(binWidth), "Bin width must be positive.");
        var counts = new SortedDictionary<int, int>();
        foreach (var value in values)
        {
            int bin = (int)Math.Floor(Math.Max(0, value) / binWidth);
            counts[bin] = counts.GetValueOrDefault(bin) + 1;
        }
        if (counts.Count == 0) return new Histogram(unit, binWidth, []);
        int last = counts.Keys.Max();
        var bins = Enumerable.Range(0, last + 1)
            .Select(i => new HistogramBin(i * binWidth, (i + 1) * binWidth, counts.GetValueOrDefault(i)))
            .ToList();
        return new Histogram(unit, binWidth, bins);
    }

    public int Total => Bins.Sum(b => b.Count);
}

public sealed record HistogramBin(double Start, double End, int Count);
