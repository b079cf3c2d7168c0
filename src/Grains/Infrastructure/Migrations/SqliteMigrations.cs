using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace MedVid.Grains.Infrastructure.Migrations;

[DbContext(typeof(SqliteMedVidDbContext))]
[Migration("20261121000000_InitialSchema")]
public sealed class SqliteInitialSchema : InitialSchema
{
    protected override void IdentityColumn(OperationBuilder<AddColumnOperation> column) => column.Annotation("Sqlite:Autoincrement", true);
}

[DbContext(typeof(SqliteMedVidDbContext))]
[Migration("20261201000000_PlatformAdminFlag")]
public sealed class SqlitePlatformAdminFlag : PlatformAdminFlag;

[DbContext(typeof(SqliteMedVidDbContext))]
[Migration("20261204000000_ReminderTable")]
public sealed class SqliteReminderTable : ReminderTable;

[DbContext(typeof(SqliteMedVidDbContext))]
public sealed class SqliteSchemaSnapshot : SchemaSnapshot
{
    protected override void IdentityProperty(PropertyBuilder<long> property) { }

    protected override void ProviderModel(ModelBuilder modelBuilder) { }
}
