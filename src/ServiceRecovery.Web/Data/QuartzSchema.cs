namespace ServiceRecovery.Web.Data;

/// <summary>
/// Quartz.NET's own PostgreSQL tables (<c>Data/Sql/quartz_tables_postgres.sql</c>, embedded), run by an EF migration
/// so that the schema is created by the same owner and in the same step as the app's own tables (ADR 0010: the runtime
/// role creates nothing). The grants that follow every migration give the runtime role rows-only rights on them too.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";

    public static string CreateScript()
    {
        using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream("ServiceRecovery.Web.Data.Sql.quartz_tables_postgres.sql")
            ?? throw new InvalidOperationException("The embedded Quartz schema (Data/Sql/quartz_tables_postgres.sql) is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Drops what <see cref="CreateScript"/> made (the migration's Down).</summary>
    public const string DropScript = """
        DROP TABLE IF EXISTS qrtz_job_status, qrtz_misfire_history, qrtz_execution_history, qrtz_locks, qrtz_scheduler_state,
            qrtz_fired_triggers, qrtz_paused_job_grps, qrtz_paused_trigger_grps, qrtz_calendars, qrtz_blob_triggers,
            qrtz_simprop_triggers, qrtz_cron_triggers, qrtz_simple_triggers, qrtz_triggers, qrtz_job_details;
        """;
}
