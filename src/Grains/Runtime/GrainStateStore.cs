using System.Text.Json;
using System.Text.Json.Serialization;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedVid.Grains.Runtime;

/// <summary>Loads and writes grain state rows; a write succeeds only if nobody else wrote since the load.</summary>
public sealed class GrainStateStore(MedVidDbContextFactory contexts, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<(object State, long Version)> LoadAsync(GrainBinding binding, Guid key, CancellationToken ct)
    {
        await using var db = contexts.Create();
        var row = await db.Grains.AsNoTracking()
            .Where(g => g.GrainType == binding.TypeName && g.Key == key)
            .Select(g => new { g.StateJson, g.Version })
            .FirstOrDefaultAsync(ct);
        if (row is null) return (Activator.CreateInstance(binding.StateType)!, 0);
        var state = JsonSerializer.Deserialize(row.StateJson, binding.StateType, Json)
            ?? throw new InvalidOperationException($"Stored state of {binding.TypeName}/{key} is null.");
        return (state, row.Version);
    }

    /// <summary>Writes the state if the stored version is still <paramref name="expectedVersion"/>; returns the new version.</summary>
    /// <exception cref="ConcurrencyConflictException">another writer got there first.</exception>
    public async Task<long> WriteAsync(
        string typeName, Guid key, object state, long expectedVersion, IReadOnlyList<GrainIndexEntry>? newIndex, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(state, state.GetType(), Json);
        var now = clock.GetUtcNow();
        var newVersion = expectedVersion + 1;
        await using var db = contexts.Create();
        await using var tx = newIndex is null ? null : await db.Database.BeginTransactionAsync(ct);
        if (expectedVersion == 0)
        {
            db.Grains.Add(new GrainRecord { GrainType = typeName, Key = key, StateJson = json, Version = newVersion, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new ConcurrencyConflictException(typeName, key);
            }
        }
        else
        {
            var rows = await db.Grains
                .Where(g => g.GrainType == typeName && g.Key == key && g.Version == expectedVersion)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(g => g.StateJson, json)
                    .SetProperty(g => g.Version, newVersion)
                    .SetProperty(g => g.UpdatedAt, now), ct);
            if (rows == 0) throw new ConcurrencyConflictException(typeName, key);
        }
        if (newIndex is not null)
        {
            await db.GrainIndex.Where(i => i.GrainType == typeName && i.Key == key).ExecuteDeleteAsync(ct);
            db.GrainIndex.AddRange(newIndex.Select(e => new GrainIndexRecord { GrainType = typeName, Key = key, Name = e.Name, Value = e.Value }));
            await db.SaveChangesAsync(ct);
            await tx!.CommitAsync(ct);
        }
        return newVersion;
    }
}

/// <summary>A write lost the optimistic-concurrency race; the runtime reloads and re-runs the turn.</summary>
public sealed class ConcurrencyConflictException(string typeName, Guid key)
    : Exception($"Concurrent write to {typeName}/{key}.");
