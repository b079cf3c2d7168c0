using static TorchSharp.torch;

namespace MedVid.Engine.Optimizers;

/// <summary>One learning rate for a whole optimizer: ours never mix rates across parameter groups.</summary>
public static class LearningRates
{
    public static double LearningRate(this optim.Optimizer optimizer) => optimizer.ParamGroups.First().LearningRate;

    public static void SetLearningRate(this optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
