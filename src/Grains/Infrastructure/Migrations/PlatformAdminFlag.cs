using Microsoft.EntityFrameworkCore.Migrations;

namespace MedVid.Grains.Infrastructure.Migrations;

/// <summary>
/// Adds users.IsPlatformAdmin (false for everyone already there; the bootstrap user is marked at start-up).
/// Written by hand like <see cref="InitialSchema"/>; the column is the same on both providers.
/// </summary>
public abstract class PlatformAdminFlag : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<bool>(name: "IsPlatformAdmin", table: "users", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "IsPlatformAdmin", table: "users");
}
