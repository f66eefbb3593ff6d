using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RootCausesAndImprovement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "root_cause_id",
                table: "recovery_cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "root_cause_note",
                table: "recovery_cases",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "root_cause_groups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_root_cause_groups", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "root_causes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    group_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    process_owner_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_root_causes", x => x.id);
                    table.ForeignKey(
                        name: "fk_root_causes_root_cause_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "root_cause_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_root_causes_users_process_owner_id",
                        column: x => x.process_owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "improvement_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    root_cause_id = table.Column<Guid>(type: "uuid", nullable: false),
                    what_will_change = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opened_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    done_on = table.Column<DateOnly>(type: "date", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_improvement_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_improvement_actions_root_causes_root_cause_id",
                        column: x => x.root_cause_id,
                        principalTable: "root_causes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_improvement_actions_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "improvement_action_cases",
                columns: table => new
                {
                    action_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_improvement_action_cases", x => new { x.action_id, x.case_id });
                    table.ForeignKey(
                        name: "fk_improvement_action_cases_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "recovery_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_improvement_action_cases_improvement_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "improvement_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "roles",
                columns: new[] { "id", "concurrency_stamp", "name", "normalized_name" },
                values: new object[] { new Guid("0190f000-0000-7000-8000-000000000005"), "0190f000-0000-7000-8000-000000000005", "ProcessOwner", "PROCESSOWNER" });

            migrationBuilder.CreateIndex(
                name: "ix_recovery_cases_root_cause_id_closed_at",
                table: "recovery_cases",
                columns: new[] { "root_cause_id", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_improvement_action_cases_case_id",
                table: "improvement_action_cases",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_improvement_actions_owner_id",
                table: "improvement_actions",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_improvement_actions_root_cause_id",
                table: "improvement_actions",
                column: "root_cause_id");

            migrationBuilder.CreateIndex(
                name: "ix_root_cause_groups_name",
                table: "root_cause_groups",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_root_causes_group_id_name",
                table: "root_causes",
                columns: new[] { "group_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_root_causes_process_owner_id",
                table: "root_causes",
                column: "process_owner_id");

            migrationBuilder.AddForeignKey(
                name: "fk_recovery_cases_root_causes_root_cause_id",
                table: "recovery_cases",
                column: "root_cause_id",
                principalTable: "root_causes",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_recovery_cases_root_causes_root_cause_id",
                table: "recovery_cases");

            migrationBuilder.DropTable(
                name: "improvement_action_cases");

            migrationBuilder.DropTable(
                name: "improvement_actions");

            migrationBuilder.DropTable(
                name: "root_causes");

            migrationBuilder.DropTable(
                name: "root_cause_groups");

            migrationBuilder.DropIndex(
                name: "ix_recovery_cases_root_cause_id_closed_at",
                table: "recovery_cases");

            migrationBuilder.DeleteData(
                table: "roles",
                keyColumn: "id",
                keyValue: new Guid("0190f000-0000-7000-8000-000000000005"));

            migrationBuilder.DropColumn(
                name: "root_cause_id",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "root_cause_note",
                table: "recovery_cases");
        }
    }
}
