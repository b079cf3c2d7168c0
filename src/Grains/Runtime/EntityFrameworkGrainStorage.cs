using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using MedVid.Grains.Abstractions;
using MedVid.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace MedVid.Grains.Runtime;

/// <summary>
/// Orleans grain storage over the platform's own EF Core tables (SQLite embedded, PostgreSQL distributed): one row
/// per grain with its state as JSON and a version that serves as the ETag, plus the grain's secondary-index entries
/// written in the same transaction. Keeping state in these tables keeps it queryable and under the same migrations
/// (docs/architecture.md).
/// </summary>
public sealed class EntityFrameworkGrainStorage(MedVidDbContextFactory contexts, TimeProvider clock) : IGrainStorage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The index entries last stored for each live state object, so an unchanged index is not rewritten.</summary>
    private readonly ConditionalWeakTable<object, IReadOnlyList<GrainIndexEntry>> _storedIndex = new();

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (type, key) = Identify(grainId);
        await using var db = contexts.Create();
        var row = await db.Grains.AsNoTracking()
            .Where(g => g.GrainType == type && g.Key == key)
            .Select(g => new { g.StateJson, g.Version })
            .FirstOrDefaultAsync();
        if (row is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        else
        {
            grainState.State = JsonSerializer.Deserialize<T>(row.StateJson, Json)
                ?? throw new InvalidOperationException($"Stored state of {type}/{key} is null.");
            grainState.ETag = row.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        if (grainState.State is IIndexedState indexed) _storedIndex.AddOrUpdate(indexed, Entries(indexed));
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (type, key) = Identify(grainId);
        var state = grainState.State ?? throw new InvalidOperationException($"State of {type}/{key} is null.");
        var json = JsonSerializer.Serialize(state, Json);
        var expected = grainState.ETag is null ? 0 : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var next = expected + 1;
        var now = clock.GetUtcNow();
        var index = state is IIndexedState indexed ? Entries(indexed) : null;
        var indexChanged = index is not null && !(_storedIndex.TryGetValue(state, out var stored) && stored.SequenceEqual(index));

        await using var db = contexts.Create();
        await using var tx = indexChanged ? await db.Database.BeginTransactionAsync() : null;
        if (expected == 0)
        {
            db.Grains.Add(new GrainRecord { GrainType = type, Key = key, StateJson = json, Version = next, UpdatedAt = now });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e)
            {
                throw Conflict(type, key, grainState.ETag, e);
            }
        }
        else
        {
            var rows = await db.Grains
                .Where(g => g.GrainType == type && g.Key == key && g.Version == expected)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(g => g.StateJson, json)
                    .SetProperty(g => g.Version, next)
                    .SetProperty(g => g.UpdatedAt, now));
            if (rows == 0) throw Conflict(type, key, grainState.ETag, null);
        }
        if (indexChanged)
        {
            await db.GrainIndex.Where(i => i.GrainType == type && i.Key == key).ExecuteDeleteAsync();
            db.GrainIndex.AddRange(index!.Select(e => new GrainIndexRecord { GrainType = type, Key = key, Name = e.Name, Value = e.Value }));
            await db.SaveChangesAsync();
            await tx!.CommitAsync();
            _storedIndex.AddOrUpdate(state, index!);
        }
        grainState.ETag = next.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (type, key) = Identify(grainId);
        await using var db = contexts.Create();
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.GrainIndex.Where(i => i.GrainType == type && i.Key == key).ExecuteDeleteAsync();
        await db.Grains.Where(g => g.GrainType == type && g.Key == key).ExecuteDeleteAsync();
        await tx.CommitAsync();
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static (string Type, Guid Key) Identify(GrainId grainId) => (grainId.Type.ToString()!, grainId.GetGuidKey());

    private static IReadOnlyList<GrainIndexEntry> Entries(IIndexedState state) => state.IndexEntries().Distinct().ToList();

    /// <summary>Another activation wrote first: only possible while the cluster heals a split; Orleans deactivates this one.</summary>
    private static InconsistentStateException Conflict(string type, Guid key, string? etag, Exception? inner) =>
        new($"Concurrent write to {type}/{key} (stored version differs from {etag ?? "none"}).", null, etag, inner);
}
