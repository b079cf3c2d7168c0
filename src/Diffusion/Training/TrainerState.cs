using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using MedVid.Diffusion.Checkpoints;

namespace MedVid.Diffusion.Training;

/// <summary>
/// The RNG position of a run. Randomness is counter-based (see <see cref="SeedMixer"/>), so the
/// seed and the next step to run are the complete generator state.
/// </summary>
public sealed record RngState(string Scheme, ulong Seed, long NextStep);

/// <summary>
/// trainer.json: everything besides tensors needed to continue a run exactly, and a SHA-256 of
/// each tensor file so a corrupted or mismatched upload is caught on restore.
/// </summary>
public sealed record TrainerState(
    int Format,
    long Step,
    RngState Rng,
    TrainingConfig Config,
    NoiseScheduleConfig Schedule,
    IReadOnlyList<string> TrainableParameters,
    TrainingReport? LastReport,
    IReadOnlyDictionary<string, string> Sha256,
    DateTimeOffset SavedAt)
{
    public const int CurrentFormat = 1;
    public const string RngScheme = "splitmix64(seed, stream, step)";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public static TrainerState Read(string path) =>
        JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path}: empty trainer state");

    public static TrainerState Read(CheckpointInfo checkpoint) => Read(checkpoint.StatePath);

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Throws if a file of <paramref name="checkpoint"/> does not have its recorded hash.</summary>
    public void VerifyFiles(CheckpointInfo checkpoint)
    {
        foreach (var (file, expected) in Sha256)
        {
            var path = Path.Combine(checkpoint.Directory, file);
            if (!File.Exists(path)) throw new InvalidDataException($"{checkpoint.Directory}: {file} is missing");
            var actual = HashFile(path);
            if (actual != expected) throw new InvalidDataException($"{path}: sha256 {actual} does not match the recorded {expected}");
        }
    }
}
