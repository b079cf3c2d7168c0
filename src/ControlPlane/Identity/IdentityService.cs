using MedVid.Grains.Abstractions;
using Orleans;
using MedVid.Grains.Infrastructure;
using MedVid.Grains.Teams;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MedVid.ControlPlane.Identity;

/// <summary>Users and API tokens. Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.</summary>
public sealed class IdentityService(MedVidDbContextFactory contexts, IGrainFactory grains, TimeProvider clock)
{
    public const int MinPasswordLength = 8;

    private static readonly PasswordHasher<UserRecord> Hasher = new();

    public async Task<UserRecord> CreateUserAsync(string userName, string displayName, string password, CancellationToken ct = default)
    {
        userName = ValidUserName(userName);
        if (password is null || password.Length < MinPasswordLength)
            throw new InvalidGrainArgumentException($"A password must have at least {MinPasswordLength} characters.");
        var user = new UserRecord
        {
            Id = Guid.NewGuid(), UserName = userName, DisplayName = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim(),
            PasswordHash = "", CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        await using var db = contexts.Create();
        if (await db.Users.AnyAsync(u => u.UserName == userName, ct))
            throw new IllegalTransitionException($"User name '{userName}' is taken.");
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new IllegalTransitionException($"User name '{userName}' is taken.");
        }
        return user;
    }

    public async Task<UserRecord?> FindUserAsync(string userName, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var normalized = userName?.Trim().ToLowerInvariant() ?? "";
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == normalized, ct);
    }

    /// <summary>The user when the password matches, else null (the caller says "wrong user name or password" either way).</summary>
    public async Task<UserRecord?> VerifyPasswordAsync(string userName, string password, CancellationToken ct = default)
    {
        var user = await FindUserAsync(userName, ct);
        if (user is null || string.IsNullOrEmpty(password)) return null;
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>Issues a token for a user in a team they belong to; returns the token text, shown once.</summary>
    public async Task<(string Token, ApiTokenRecord Record)> IssueTokenAsync(Guid userId, Guid teamId, string name, TimeSpan? lifetime, CancellationToken ct = default)
    {
        if (await grains.GetGrain<ITeamGrain>(teamId).GetRoleAsync(userId) is null)
            throw new EntityNotFoundException("The team does not exist.");
        var token = ApiTokens.NewToken();
        var now = clock.GetUtcNow();
        var record = new ApiTokenRecord
        {
            Id = Guid.NewGuid(), TokenHash = ApiTokens.Hash(token), Name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim()[..Math.Min(name.Trim().Length, 128)],
            UserId = userId, TeamId = teamId, CreatedAt = now, ExpiresAt = lifetime is null ? null : now + lifetime,
        };
        await using var db = contexts.Create();
        db.ApiTokens.Add(record);
        await db.SaveChangesAsync(ct);
        return (token, record);
    }

    /// <summary>The live token record for a presented token, or null when unknown, revoked or expired.</summary>
    public async Task<(ApiTokenRecord Token, UserRecord User)?> ResolveTokenAsync(string token, CancellationToken ct = default)
    {
        if (!ApiTokens.LooksValid(token)) return null;
        var hash = ApiTokens.Hash(token);
        await using var db = contexts.Create();
        var record = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (record is null || record.RevokedAt is not null || (record.ExpiresAt is { } exp && exp <= clock.GetUtcNow())) return null;
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == record.UserId, ct);
        return user is null ? null : (record, user);
    }

    public async Task RevokeTokenAsync(Guid tokenId, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var now = clock.GetUtcNow();
        await db.ApiTokens.Where(t => t.Id == tokenId && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }

    /// <summary>Makes an existing user a platform administrator (the bootstrap user); false when there is no such user.</summary>
    public async Task<bool> MakePlatformAdminAsync(string userName, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        var normalized = userName.Trim().ToLowerInvariant();
        return await db.Users.Where(u => u.UserName == normalized).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsPlatformAdmin, true), ct) > 0;
    }

    /// <summary>Read on every portal request, like the team role, so that taking the flag away takes effect at once.</summary>
    public async Task<bool> IsPlatformAdminAsync(Guid userId, CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        return await db.Users.AnyAsync(u => u.Id == userId && u.IsPlatformAdmin, ct);
    }

    public async Task<IReadOnlyList<UserRecord>> AllUsersAsync(CancellationToken ct = default)
    {
        await using var db = contexts.Create();
        return await db.Users.AsNoTracking().ToListAsync(ct);
    }

    private static string ValidUserName(string userName)
    {
        userName = userName?.Trim().ToLowerInvariant() ?? "";
        if (userName.Length is < 2 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            throw new InvalidGrainArgumentException("A user name must have 2 to 64 characters: letters, digits, '.', '-', '_' or '@'.");
        return userName;
    }
}
