using MedVid.ControlPlane.Bus.Outcomes;
using MedVid.Grains.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Platform.FunctionalTests;

public sealed class WorkOutcomeTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void The_control_plane_tells_the_owner_of_every_kind_of_work_item_exactly_once()
    {
        var owners = app.Services.GetServices<IWorkOwnerOutcomes>().Select(o => o.Kind).ToList();

        Assert.Equal(Enum.GetValues<WorkOwnerKind>().Order(), owners.Order());
    }
}
