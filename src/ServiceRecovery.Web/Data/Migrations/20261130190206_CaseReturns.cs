using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "return_currency",
                table: "recovery_cases",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "return_value",
                table: "recovery_cases",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "returned_on",
                table: "recovery_cases",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "return_currency",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "return_value",
                table: "recovery_cases");

            migrationBuilder.DropColumn(
                name: "returned_on",
                table: "recovery_cases");
        }
    }
}
