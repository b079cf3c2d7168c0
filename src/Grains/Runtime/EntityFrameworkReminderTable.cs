using System.Globalization;
using MedVid.Grains.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedVid.Grains.Runtime;

/// <summary>
/// Orleans' reminder table over the platform database (table <c>reminders</c>, SQLite or PostgreSQL), so reminders are
/// as durable as grain state: an export schedule registered in the embedded process fires again after a restart.
/// Rows are scoped by the Orleans service id. Like Orleans' own ADO.NET table, an upsert replaces the row and returns a
/// new ETag, and a removal only succeeds with the current one (docs/architecture.md, "Persistence, clustering and reminders").
/// </summary>
public sealed class EntityFrameworkReminderTable(MedVidDbContextFactory contexts, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private string ServiceId => cluster.Value.ServiceId;

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        var id = grainId.ToString();
        await using var db = contexts.Create();
        var rows = await db.Reminders.AsNoTracking().Where(r => r.ServiceId == ServiceId && r.GrainId == id).ToListAsync();
        return new ReminderTableData(rows.Select(Entry));
    }

    /// <summary>Rows with a hash in (begin, end]; when begin ≥ end the range wraps around the ring.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var (from, to) = ((long)begin, (long)end);
        await using var db = contexts.Create();
        var query = db.Reminders.AsNoTracking().Where(r => r.ServiceId == ServiceId);
        query = begin < end
            ? query.Where(r => r.GrainHash > from && r.GrainHash <= to)
            : query.Where(r => r.GrainHash > from || r.GrainHash <= to);
        return new ReminderTableData((await query.ToListAsync()).Select(Entry));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var id = grainId.ToString();
        await using var db = contexts.Create();
        var row = await db.Reminders.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ServiceId == ServiceId && r.GrainId == id && r.ReminderName == reminderName);
        return row is null ? null : Entry(row);
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var id = entry.GrainId.ToString();
        var startAt = new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc));
        // Two attempts: an insert that loses a race with another silo's insert of the same row becomes an update.
        for (var attempt = 0; ; attempt++)
        {
            await using var db = contexts.Create();
            var row = await db.Reminders.FirstOrDefaultAsync(r => r.ServiceId == ServiceId && r.GrainId == id && r.ReminderName == entry.ReminderName);
            if (row is null)
            {
                row = new ReminderRecord { ServiceId = ServiceId, GrainId = id, ReminderName = entry.ReminderName };
                db.Reminders.Add(row);
            }
            (row.GrainHash, row.StartAt, row.PeriodTicks, row.Version) = (entry.GrainId.GetUniformHashCode(), startAt, entry.Period.Ticks, row.Version + 1);
            try
            {
                await db.SaveChangesAsync();
                return ETag(row.Version);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
            }
        }
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return false;
        var id = grainId.ToString();
        await using var db = contexts.Create();
        var removed = await db.Reminders
            .Where(r => r.ServiceId == ServiceId && r.GrainId == id && r.ReminderName == reminderName && r.Version == version)
            .ExecuteDeleteAsync();
        return removed > 0;
    }

    public async Task TestOnlyClearTable()
    {
        await using var db = contexts.Create();
        await db.Reminders.Where(r => r.ServiceId == ServiceId).ExecuteDeleteAsync();
    }

    private static ReminderEntry Entry(ReminderRecord row) => new()
    {
        GrainId = GrainId.Parse(row.GrainId),
        ReminderName = row.ReminderName,
        StartAt = row.StartAt.UtcDateTime,
        Period = TimeSpan.FromTicks(row.PeriodTicks),
        ETag = ETag(row.Version),
    };

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
