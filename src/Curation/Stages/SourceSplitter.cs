using MedVid.Curation.Config;
using MedVid.Curation.Clips;

namespace MedVid.Curation.Stages;

/// <summary>Train/test split by source: a source is in the test set when its stable hash falls
/// below the test fraction, so all its clips share one side, and its side never changes when
/// other sources are added in a later dataset version.</summary>
public sealed class SourceSplitter(SplitConfig config)
{
    public DatasetSplit Assign(string sourceId) =>
        StableHash.UnitInterval(config.Seed, sourceId) < config.TestFraction ? DatasetSplit.Test : DatasetSplit.Train;

    public StageDecision Decide(string clipId, string sourceId)
    {
        var split = Assign(sourceId);
        return StageDecision.Keep(clipId, StageNames.Split, split == DatasetSplit.Test ? "test" : "train",
            new Dictionary<string, double> { ["split.test"] = split == DatasetSplit.Test ? 1 : 0 });
    }
}
