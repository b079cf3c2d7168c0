using MedVid.Phantoms;
using MedVid.Training.Data;

namespace MedVid.Training.Tests;

/// <summary>Four small phantom clips (one per modality) rendered once for the whole test assembly.</summary>
public sealed class PhantomClips : IDisposable
{
    public PhantomClips()
    {
        Folder = Directory.CreateTempSubdirectory("medvid-training-tests-").FullName;
        var rng = new Random(5);
        var clips = new List<TrainingClip>();
        foreach (var modality in Enum.GetValues<Modality>())
        {
            var spec = PhantomCatalog.Random(modality, rng, width: 64, height: 64, frames: 8, fps: 12);
            var file = Path.Combine(Folder, $"{modality}.mp4");
            PhantomRenderer.RenderMp4Async(spec, file).GetAwaiter().GetResult();
            clips.Add(new TrainingClip(modality.ToString(), file, spec.Captions[0], modality.ToString().ToLowerInvariant(), spec.Frames, spec.Fps));
        }
        Clips = clips;
    }

    public string Folder { get; }

    public IReadOnlyList<TrainingClip> Clips { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class PhantomClipsCollection : ICollectionFixture<PhantomClips>
{
    public const string Name = "phantom clips";
}
