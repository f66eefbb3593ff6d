using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "csat",
                table: "recovery_cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "nps_after",
                table: "recovery_cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "nps_before",
                table: "recovery_cases",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "survey_answered_at",
                table: "recovery_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "survey_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    @fixed = table.Column<bool>(name: "fixed", type: "boolean", nullable: true),
                    comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    csat = table.Column<int>(type: "integer", nullable: true),
                    nps = table.Column<int>(type: "integer", nullable: true),
                    wants_contact = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_invitations", x => x.id);
                    table.CheckConstraint("ck_survey_invitations_csat", "csat BETWEEN 1 AND 5");
                    table.CheckConstraint("ck_survey_invitations_nps", "nps BETWEEN 0 AND 10");
                    table.CheckConstraint("ck_survey_invitations_token_hash", "octet_length(token_hash) = 32");
                    table.ForeignKey(
                        name: "fk_survey_invitations_recovery_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "recovery_cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_recovery_cases_csat",
                table: "recovery_cases",
                sql: "csat BETWEEN 1 AND 5");

            migrationBuilder.AddCheckConstraint(
                name: "ck_recovery_cases_nps_after",
                table: "recovery_cases",
                sql: "nps_after BETWEEN 0 AND 10");

            migrationBuilder.AddCheckConstraint(
                name: "ck_recovery_cases_nps_before",
                table: "recovery_cases",
                sql: "nps_before BETWEEN 0 AND 10");

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_answered_at",
                table: "survey_invitations",
                column: "answered_at",
                filter: "answered_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_case_id_issued_at",
                table: "survey_invitations",
                columns: new[] { "case_id", "issued_at" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_issued_at",
                table: "survey_invitations",
                column: "issued_at");

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_token_hash",
                table: "survey_invitations",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "survey_invitations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_recovery_cases_csat",
                table: "recovery_cases");

            migrationBuilder.DropCheckConstraint(
                name: "ck_recovery_cases_nps_after",
                table: "recovery_cases");

            migrationBuilder.DropCheckConstraint(
                name: "ck_recovery_cases_nps_before",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "csat",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "nps_after",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "nps_before",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "survey_answered_at",
                table: "recovery_cases");
        }
    }
}
