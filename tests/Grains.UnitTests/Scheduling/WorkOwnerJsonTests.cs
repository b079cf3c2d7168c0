using System.Text.Json;
using MedVid.Grains.Runtime;

namespace MedVid.Grains.UnitTests.Scheduling;

public sealed class WorkOwnerJsonTests
{
    private static readonly Guid Id = Guid.Parse("6f7c2a86-7d8e-4a51-9a0e-0d6c2b1f3e44");

    [Fact]
    public void A_curation_stored_under_its_former_kind_name_loads_as_a_curation_and_is_written_under_the_new_one()
    {
        var stored = $$"""{"kind":"Dataset","id":"{{Id}}","subId":"{{Id}}"}""";

        var owner = JsonSerializer.Deserialize<WorkOwner>(stored, EntityFrameworkGrainStorage.Json)!;

        Assert.Equal(new WorkOwner(WorkOwnerKind.Curation, Id, Id), owner);
        Assert.Contains("\"kind\":\"Curation\"", JsonSerializer.Serialize(owner, EntityFrameworkGrainStorage.Json));
    }

    [Fact]
    public void Every_kind_round_trips_by_name_and_an_unknown_name_is_refused()
    {
        foreach (var kind in Enum.GetValues<WorkOwnerKind>())
        {
            var json = JsonSerializer.Serialize(new WorkOwner(kind, Id), EntityFrameworkGrainStorage.Json);
            Assert.Contains($"\"kind\":\"{kind}\"", json);
            Assert.Equal(kind, JsonSerializer.Deserialize<WorkOwner>(json, EntityFrameworkGrainStorage.Json)!.Kind);
        }
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WorkOwner>($$"""{"kind":"Robot","id":"{{Id}}"}""", EntityFrameworkGrainStorage.Json));
        Assert.Contains("Robot", e.Message);
    }
}
