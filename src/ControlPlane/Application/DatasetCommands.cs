using System.Text.Json;
using MedVid.ControlPlane.Errors;
using MedVid.Curation.Config;
using MedVid.Grains.Datasets;

namespace MedVid.ControlPlane.Application;

public sealed record CreateDatasetRequest(string Name, string? Description);

/// <summary>Either a preset name (default, bora, bora-128, medgen, ophora) or a full configuration; not both.</summary>
public sealed record StartCurationRequest(string? Preset, JsonElement? Config, string? Notes);

/// <summary>What the API and the portal do to the caller's team's datasets.</summary>
public static class DatasetCommands
{
    public static Task<DatasetView> CreateDatasetAsync(this ApiServices api, CreateDatasetRequest request) =>
        api.Grains.GetGrain<IDatasetGrain>(Guid.NewGuid()).CreateAsync(api.Caller.TeamId, request.Name, request.Description, api.Caller.UserId);

    /// <summary>Queues a curation run over the dataset's ingested videos; it produces a new dataset version.</summary>
    public static async Task<CurationRunView> StartCurationAsync(this ApiServices api, Guid datasetId, StartCurationRequest request)
    {
        await api.DatasetAsync(datasetId);
        var config = Config(request);
        return await api.Grains.GetGrain<IDatasetGrain>(datasetId).StartCurationAsync(Guid.NewGuid(), config.ToJson(), config.Redacted().ToJson(), request.Notes);
    }

    private static CurationConfig Config(StartCurationRequest request)
    {
        if (request.Preset is not null && request.Config is not null) throw new ApiValidationException("Give either 'preset' or 'config', not both.");
        try
        {
            var config = request.Config is { } json ? CurationConfig.FromJson(json.GetRawText()) : CurationConfig.FromPreset(request.Preset ?? "default");
            if (config.Captions.Llm.ApiKey is not null)
                throw new ApiValidationException("Do not send an LLM API key: set it on the compute hosts (Curation__LlmApiKey).");
            return config.EnsureValid();
        }
        catch (CurationConfigException e)
        {
            throw new ApiValidationException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new ApiValidationException(e.Message);
        }
    }
}
