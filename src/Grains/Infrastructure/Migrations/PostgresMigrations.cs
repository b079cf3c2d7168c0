using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace MedVid.Grains.Infrastructure.Migrations;

[DbContext(typeof(PostgresMedVidDbContext))]
[Migration("20261121000000_InitialSchema")]
public sealed class PostgresInitialSchema : InitialSchema
{
    protected override void IdentityColumn(OperationBuilder<AddColumnOperation> column) =>
        column.Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}

[DbContext(typeof(PostgresMedVidDbContext))]
[Migration("20261201000000_PlatformAdminFlag")]
public sealed class PostgresPlatformAdminFlag : PlatformAdminFlag;

[DbContext(typeof(PostgresMedVidDbContext))]
[Migration("20261204000000_ReminderTable")]
public sealed class PostgresReminderTable : ReminderTable;

[DbContext(typeof(PostgresMedVidDbContext))]
public sealed class PostgresSchemaSnapshot : SchemaSnapshot
{
    protected override void IdentityProperty(PropertyBuilder<long> property) => property.UseIdentityByDefaultColumn();

    protected override void ProviderModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("Relational:MaxIdentifierLength", 63);
        modelBuilder.UseIdentityByDefaultColumns();
    }
}
