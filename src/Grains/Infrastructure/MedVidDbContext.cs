using Microsoft.EntityFrameworkCore;

namespace MedVid.Grains.Infrastructure;

/// <summary>
/// The one database of the control plane: grain state, grain indexes, Orleans reminders, users and API tokens.
/// Each provider has its own subclass so that each keeps its own migrations.
/// </summary>
public abstract class MedVidDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<GrainRecord> Grains => Set<GrainRecord>();
    public DbSet<GrainIndexRecord> GrainIndex => Set<GrainIndexRecord>();
    public DbSet<UserRecord> Users => Set<UserRecord>();
    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();
    public DbSet<ReminderRecord> Reminders => Set<ReminderRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<GrainRecord>(e =>
        {
            e.ToTable("grains");
            e.HasKey(g => new { g.GrainType, g.Key });
            e.Property(g => g.GrainType).HasMaxLength(64);
            e.Property(g => g.Version).IsConcurrencyToken();
        });
        model.Entity<GrainIndexRecord>(e =>
        {
            e.ToTable("grain_index");
            e.Property(i => i.GrainType).HasMaxLength(64);
            e.Property(i => i.Name).HasMaxLength(64);
            e.Property(i => i.Value).HasMaxLength(256);
            e.HasIndex(i => new { i.GrainType, i.Name, i.Value });
            e.HasIndex(i => new { i.GrainType, i.Key });
        });
        model.Entity<UserRecord>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.UserName).HasMaxLength(64);
            e.Property(u => u.DisplayName).HasMaxLength(128);
            e.HasIndex(u => u.UserName).IsUnique();
        });
        model.Entity<ApiTokenRecord>(e =>
        {
            e.ToTable("api_tokens");
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.Name).HasMaxLength(128);
            e.HasIndex(t => t.TokenHash).IsUnique();
        });
        model.Entity<ReminderRecord>(e =>
        {
            e.ToTable("reminders");
            e.HasKey(r => new { r.ServiceId, r.GrainId, r.ReminderName });
            e.Property(r => r.ServiceId).HasMaxLength(150);
            e.Property(r => r.GrainId).HasMaxLength(400);
            e.Property(r => r.ReminderName).HasMaxLength(150);
            e.HasIndex(r => new { r.ServiceId, r.GrainHash });
        });
    }
}

public sealed class SqliteMedVidDbContext(DbContextOptions<SqliteMedVidDbContext> options) : MedVidDbContext(options);

public sealed class PostgresMedVidDbContext(DbContextOptions<PostgresMedVidDbContext> options) : MedVidDbContext(options);
