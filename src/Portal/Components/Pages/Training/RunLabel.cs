using MedVid.Grains.Training;

namespace MedVid.Portal.Components.Pages.Training;

/// <summary>How a run is named in pickers and chart legends.</summary>
public static class RunLabel
{
    public static string Of(TrainingRunView run) =>
        $"{run.Id.ToString()[..8]} · {run.Spec.Recipe} · {run.Spec.ModelSize} · {run.Spec.TotalSteps} steps ({run.Status.ToString().ToLowerInvariant()})";

    public static string Short(TrainingRunView run) => $"{run.Id.ToString()[..8]} ({run.Spec.Recipe})";
}
