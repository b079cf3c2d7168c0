using MedVid.Grains.Abstractions;
using MedVid.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MedVid.Grains.Runtime;

/// <summary>Finds grain keys through their index entries (e.g. all datasets of a team). Read-only; never a turn.</summary>
public sealed class GrainDirectory(GrainRegistry registry, MedVidDbContextFactory contexts)
{
    public async Task<IReadOnlyList<Guid>> FindAsync<TGrain>(string indexName, string value, CancellationToken ct = default)
        where TGrain : IGrainWithGuidKey
    {
        var typeName = registry.Get<TGrain>().TypeName;
        await using var db = contexts.Create();
        return await db.GrainIndex.AsNoTracking()
            .Where(i => i.GrainType == typeName && i.Name == indexName && i.Value == value)
            .Select(i => i.Key)
            .Distinct()
            .ToListAsync(ct);
    }
}
