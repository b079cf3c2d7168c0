namespace MedVid.Platform.FunctionalTests;

public sealed class HealthTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Health_reports_database_bus_and_blobs_healthy()
    {
        using var response = await app.Anonymous().GetAsync("/health");
        var health = await ApiClient.ReadAsync<JsonObject>(response, HttpStatusCode.OK);

        Assert.Equal("Healthy", (string?)health["status"]);
        foreach (var check in new[] { "database", "bus", "blobs" })
            Assert.True((string?)health["checks"]?[check]?["status"] == "Healthy", $"{check}: {health["checks"]?[check]?.ToJsonString()}");
        Assert.Contains("sqlite", (string?)health["checks"]!["database"]!["description"]);
        Assert.Contains("in-memory", (string?)health["checks"]!["bus"]!["description"]);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_dataset_and_video_paths()
    {
        using var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        var document = await ApiClient.ReadAsync<JsonObject>(response, HttpStatusCode.OK);

        Assert.StartsWith("3.", (string?)document["openapi"]);
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/datasets"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.True(paths.ContainsKey("/api/v1/datasets/{id}/videos"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.NotNull(paths["/api/v1/datasets"]!["post"]);
        Assert.NotNull(paths["/api/v1/datasets/{id}/videos"]!["post"]);
        Assert.NotNull(paths["/api/v1/datasets/{id}/videos"]!["get"]);
    }
}
