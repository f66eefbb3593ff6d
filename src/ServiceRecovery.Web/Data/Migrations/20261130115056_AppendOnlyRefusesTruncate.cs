using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceRecovery.Web.Data.Migrations
{
    /// <summary>
    /// The append-only tables (timeline, ledger, audit) refuse TRUNCATE too, not only UPDATE and DELETE: the row
    /// triggers never see a TRUNCATE. The runtime role has no TRUNCATE privilege either (ADR 0010); this also stops
    /// the owner by mistake. (Tests empty the tables with session_replication_role = replica, which skips triggers.)
    /// </summary>
    public partial class AppendOnlyRefusesTruncate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER case_timeline_no_truncate BEFORE TRUNCATE ON case_timeline
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
                CREATE TRIGGER compensation_ledger_no_truncate BEFORE TRUNCATE ON compensation_ledger
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER IF EXISTS compensation_ledger_no_truncate ON compensation_ledger;
                DROP TRIGGER IF EXISTS case_timeline_no_truncate ON case_timeline;
                """);
        }
    }
}
