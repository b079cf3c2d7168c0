using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace MedVid.Grains.Infrastructure.Migrations;

/// <summary>
/// The first schema, written by hand: EF's design-time package does not restore from this project's package source.
/// Column types come from each provider's defaults for the CLR types; only identity columns differ per provider.
/// A test checks that each provider's snapshot matches the model, so drift is caught.
/// </summary>
public abstract class InitialSchema : Migration
{
    protected abstract void IdentityColumn(OperationBuilder<AddColumnOperation> column);

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "grains",
            columns: table => new
            {
                GrainType = table.Column<string>(maxLength: 64, nullable: false),
                Key = table.Column<Guid>(nullable: false),
                StateJson = table.Column<string>(nullable: false),
                Version = table.Column<long>(nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_grains", x => new { x.GrainType, x.Key }));

        migrationBuilder.CreateTable(
            name: "grain_index",
            columns: table =>
            {
                var id = table.Column<long>(nullable: false);
                IdentityColumn(id);
                return new
                {
                    Id = id,
                    GrainType = table.Column<string>(maxLength: 64, nullable: false),
                    Key = table.Column<Guid>(nullable: false),
                    Name = table.Column<string>(maxLength: 64, nullable: false),
                    Value = table.Column<string>(maxLength: 256, nullable: false),
                };
            },
            constraints: table => table.PrimaryKey("PK_grain_index", x => x.Id));

        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserName = table.Column<string>(maxLength: 64, nullable: false),
                DisplayName = table.Column<string>(maxLength: 128, nullable: false),
                PasswordHash = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_users", x => x.Id));

        migrationBuilder.CreateTable(
            name: "api_tokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                Name = table.Column<string>(maxLength: 128, nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                TeamId = table.Column<Guid>(nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(nullable: true),
                RevokedAt = table.Column<DateTimeOffset>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_api_tokens", x => x.Id));

        migrationBuilder.CreateIndex("IX_grain_index_GrainType_Name_Value", "grain_index", ["GrainType", "Name", "Value"]);
        migrationBuilder.CreateIndex("IX_grain_index_GrainType_Key", "grain_index", ["GrainType", "Key"]);
        migrationBuilder.CreateIndex("IX_users_UserName", "users", "UserName", unique: true);
        migrationBuilder.CreateIndex("IX_api_tokens_TokenHash", "api_tokens", "TokenHash", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("api_tokens");
        migrationBuilder.DropTable("users");
        migrationBuilder.DropTable("grain_index");
        migrationBuilder.DropTable("grains");
    }
}
