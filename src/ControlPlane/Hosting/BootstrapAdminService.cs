using MedVid.ControlPlane.Identity;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Teams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;

namespace MedVid.ControlPlane.Hosting;

/// <summary>
/// Runs once the silo is up: creates the bootstrap admin and team when configured and no user exists yet. The
/// bootstrap user is a platform administrator; it is marked on every start, so a database created before the flag
/// existed gets its operator back.
/// </summary>
public sealed class BootstrapAdminService(IdentityService identity, IGrainFactory grains, ControlPlaneOptions options, ILogger<BootstrapAdminService> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (options.Bootstrap is not { UserName.Length: > 0 } admin) return;
        await CreateBootstrapAdminAsync(admin, ct);
        await identity.MakePlatformAdminAsync(admin.UserName, ct);
    }

    private async Task CreateBootstrapAdminAsync(BootstrapAdmin admin, CancellationToken ct)
    {
        if ((await identity.AllUsersAsync(ct)).Count > 0) return;
        UserRecord user;
        try
        {
            user = await identity.CreateUserAsync(admin.UserName, admin.UserName, admin.Password, ct);
        }
        catch (IllegalTransitionException)
        {
            // Replicas starting together over an empty database race here; the unique user name lets one win.
            log.LogInformation("Bootstrap admin '{User}' was created by another replica", admin.UserName);
            return;
        }
        var teamName = string.IsNullOrWhiteSpace(admin.Team) ? "Default team" : admin.Team;
        await grains.GetGrain<ITeamGrain>(Guid.NewGuid()).CreateAsync(teamName, 0, user.Id, user.UserName);
        log.LogInformation("Created bootstrap admin '{User}' in team '{Team}'", user.UserName, teamName);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
