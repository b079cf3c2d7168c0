using MedVid.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Orleans;

namespace MedVid.Grains.Runtime;

/// <summary>
/// Finds grain keys through their index entries (e.g. all datasets of a team), which the grain storage writes in the
/// same transaction as the state. Read-only; no grain is activated.
/// </summary>
public sealed class GrainDirectory(MedVidDbContextFactory contexts)
{
    public async Task<IReadOnlyList<Guid>> FindAsync<TGrain>(string indexName, string value, CancellationToken ct = default)
        where TGrain : IGrainWithGuidKey
    {
        var typeName = GrainTypeNames.Of<TGrain>();
        await using var db = contexts.Create();
        return await db.GrainIndex.AsNoTracking()
            .Where(i => i.GrainType == typeName && i.Name == indexName && i.Value == value)
            .Select(i => i.Key)
            .Distinct()
            .ToListAsync(ct);
    }
}
