using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MedVid.Grains.Infrastructure.Migrations;

/// <summary>The model as of the latest migration, frozen here so that EF can tell when the code model moved on.</summary>
public abstract class SchemaSnapshot : ModelSnapshot
{
    protected abstract void IdentityProperty(Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder<long> property);

    protected abstract void ProviderModel(ModelBuilder modelBuilder);

    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.14");
        ProviderModel(modelBuilder);

        modelBuilder.Entity("MedVid.Grains.Infrastructure.GrainRecord", b =>
        {
            b.Property<string>("GrainType").HasMaxLength(64);
            b.Property<Guid>("Key");
            b.Property<string>("StateJson").IsRequired();
            b.Property<DateTimeOffset>("UpdatedAt");
            b.Property<long>("Version").IsConcurrencyToken();
            b.HasKey("GrainType", "Key");
            b.ToTable("grains");
        });

        modelBuilder.Entity("MedVid.Grains.Infrastructure.GrainIndexRecord", b =>
        {
            IdentityProperty(b.Property<long>("Id").ValueGeneratedOnAdd());
            b.Property<string>("GrainType").IsRequired().HasMaxLength(64);
            b.Property<Guid>("Key");
            b.Property<string>("Name").IsRequired().HasMaxLength(64);
            b.Property<string>("Value").IsRequired().HasMaxLength(256);
            b.HasKey("Id");
            b.HasIndex("GrainType", "Key");
            b.HasIndex("GrainType", "Name", "Value");
            b.ToTable("grain_index");
        });

        modelBuilder.Entity("MedVid.Grains.Infrastructure.UserRecord", b =>
        {
            b.Property<Guid>("Id").ValueGeneratedOnAdd();
            b.Property<DateTimeOffset>("CreatedAt");
            b.Property<string>("DisplayName").IsRequired().HasMaxLength(128);
            b.Property<bool>("IsPlatformAdmin");
            b.Property<string>("PasswordHash").IsRequired();
            b.Property<string>("UserName").IsRequired().HasMaxLength(64);
            b.HasKey("Id");
            b.HasIndex("UserName").IsUnique();
            b.ToTable("users");
        });

        modelBuilder.Entity("MedVid.Grains.Infrastructure.ApiTokenRecord", b =>
        {
            b.Property<Guid>("Id").ValueGeneratedOnAdd();
            b.Property<DateTimeOffset>("CreatedAt");
            b.Property<DateTimeOffset?>("ExpiresAt");
            b.Property<string>("Name").IsRequired().HasMaxLength(128);
            b.Property<DateTimeOffset?>("RevokedAt");
            b.Property<Guid>("TeamId");
            b.Property<string>("TokenHash").IsRequired().HasMaxLength(64);
            b.Property<Guid>("UserId");
            b.HasKey("Id");
            b.HasIndex("TokenHash").IsUnique();
            b.ToTable("api_tokens");
        });

        modelBuilder.Entity("MedVid.Grains.Infrastructure.ReminderRecord", b =>
        {
            b.Property<string>("ServiceId").HasMaxLength(150);
            b.Property<string>("GrainId").HasMaxLength(400);
            b.Property<string>("ReminderName").HasMaxLength(150);
            b.Property<long>("GrainHash");
            b.Property<long>("PeriodTicks");
            b.Property<DateTimeOffset>("StartAt");
            b.Property<long>("Version");
            b.HasKey("ServiceId", "GrainId", "ReminderName");
            b.HasIndex("ServiceId", "GrainHash");
            b.ToTable("reminders");
        });
    }
}
