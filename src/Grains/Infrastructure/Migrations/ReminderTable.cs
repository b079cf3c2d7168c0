using Microsoft.EntityFrameworkCore.Migrations;

namespace MedVid.Grains.Infrastructure.Migrations;

/// <summary>
/// Adds the <c>reminders</c> table behind <see cref="Runtime.EntityFrameworkReminderTable"/>: durable Orleans reminders
/// in the platform database (export schedules must survive a restart of the embedded process). Same columns on both
/// providers; written by hand like <see cref="InitialSchema"/>.
/// </summary>
public abstract class ReminderTable : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "reminders",
            columns: table => new
            {
                ServiceId = table.Column<string>(maxLength: 150, nullable: false),
                GrainId = table.Column<string>(maxLength: 400, nullable: false),
                ReminderName = table.Column<string>(maxLength: 150, nullable: false),
                GrainHash = table.Column<long>(nullable: false),
                StartAt = table.Column<DateTimeOffset>(nullable: false),
                PeriodTicks = table.Column<long>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_reminders", x => new { x.ServiceId, x.GrainId, x.ReminderName }));
        migrationBuilder.CreateIndex("IX_reminders_ServiceId_GrainHash", "reminders", ["ServiceId", "GrainHash"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("reminders");
}
