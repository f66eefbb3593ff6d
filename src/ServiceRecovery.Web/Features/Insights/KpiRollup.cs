using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// Keeps the daily KPI roll-up (<c>kpi_daily</c>) equal to the cases (ADR 0018). <see cref="RefreshAsync"/> recomputes
/// the given org-local days from the cases table, idempotently (delete + insert in one transaction, serialized by an
/// advisory lock); <see cref="RefreshChangedAsync"/> finds the days touched by cases changed since the last run (their
/// opening and closing days) and refreshes those: callable from a scheduled job, a test, or start-up. The dashboard
/// adds the current day live from the cases (<see cref="LiveSql"/>), so the roll-up only needs to be right up to yesterday.
/// </summary>
public sealed class KpiRollup(AppDbContext db, IOptions<OrganisationOptions> organisation, ILogger<KpiRollup> logger)
{
    /// <summary>How far before the watermark the next run looks again: a transaction that began before the last run but
    /// committed after it stamped its rows earlier than the watermark (recomputing a day twice is harmless).</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private const long LockKey = 0x4B50_4944_4149_4C59; // "KPIDAILY"

    public string TimeZoneId => organisation.Value.TimeZoneId;

    /// <summary>Recomputes <paramref name="days"/> (org-local dates) in one transaction; returns the rows written.</summary>
    public async Task<int> RefreshAsync(IEnumerable<DateOnly> days, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = days.Distinct().Order().ToList();
        return await InTransactionAsync(async (connection, tx) => await WriteDaysAsync(connection, tx, list, ct), ct);
    }

    /// <summary>
    /// Refreshes the days touched by cases changed since the last run (all days on the first run, or when the
    /// organisation's time zone changed) and moves the watermark; returns the days refreshed.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> RefreshChangedAsync(CancellationToken ct = default)
    {
        var refreshed = await InTransactionAsync(async (connection, tx) =>
        {
            DateTimeOffset? since = null;
            string? zone = null;
            DateTimeOffset mark;
            await using (var ensure = Command(connection, tx, "INSERT INTO kpi_rollup_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING"))
            {
                await ensure.ExecuteNonQueryAsync(ct);
            }

            await using (var state = Command(connection, tx, "SELECT changed_through, time_zone, clock_timestamp() FROM kpi_rollup_state WHERE id = 1 FOR UPDATE"))
            await using (var reader = await state.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                since = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
                zone = reader.IsDBNull(1) ? null : reader.GetString(1);
                mark = reader.GetFieldValue<DateTimeOffset>(2);
            }

            var rebuild = since is null || !string.Equals(zone, TimeZoneId, StringComparison.Ordinal);
            if (rebuild)
            {
                await using var wipe = Command(connection, tx, "DELETE FROM kpi_daily");
                await wipe.ExecuteNonQueryAsync(ct);
            }

            var days = new List<DateOnly>();
            await using (var changed = Command(connection, tx, """
                SELECT DISTINCT d FROM (
                    SELECT (opened_at AT TIME ZONE @tz)::date AS d FROM recovery_cases WHERE changed_at > @since
                    UNION SELECT (closed_at AT TIME ZONE @tz)::date FROM recovery_cases WHERE changed_at > @since AND closed_at IS NOT NULL
                    -- a survey link issued after the case's last change (staff take one for a call): closed_surveyed
                    UNION SELECT (c.closed_at AT TIME ZONE @tz)::date FROM survey_invitations s JOIN recovery_cases c ON c.id = s.case_id
                        WHERE s.issued_at > @since AND c.closed_at IS NOT NULL
                    -- a later case of the same customer can make an earlier recovery "retained" (KpiColumns.Retained)
                    UNION SELECT (p.closed_at AT TIME ZONE @tz)::date FROM recovery_cases n
                        JOIN recovery_cases p ON p.customer_id = n.customer_id AND p.id <> n.id
                        WHERE n.changed_at > @since AND p.outcome = 'Recovered' AND p.closed_at < n.opened_at AND p.closed_at >= n.opened_at - interval '90 days'
                ) t ORDER BY d
                """))
            {
                changed.Parameters.Add(new NpgsqlParameter("tz", TimeZoneId));
                changed.Parameters.Add(new NpgsqlParameter("since", rebuild ? DateTimeOffset.MinValue.ToUniversalTime() : since!.Value - Overlap));
                await using var reader = await changed.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    days.Add(reader.GetFieldValue<DateOnly>(0));
                }
            }

            await WriteDaysAsync(connection, tx, days, ct);
            await using (var save = Command(connection, tx, "UPDATE kpi_rollup_state SET changed_through = @mark, time_zone = @tz, refreshed_at = clock_timestamp() WHERE id = 1"))
            {
                save.Parameters.Add(new NpgsqlParameter("mark", mark));
                save.Parameters.Add(new NpgsqlParameter("tz", TimeZoneId));
                await save.ExecuteNonQueryAsync(ct);
            }

            return (IReadOnlyList<DateOnly>)days;
        }, ct);
        logger.LogInformation("KPI roll-up refreshed {Days} day(s)", refreshed.Count);
        return refreshed;
    }

    /// <summary>The roll-up's rows for the days in [@from, @to] computed straight from the cases (same columns as kpi_daily).</summary>
    public static string LiveSql { get; } = BuildLiveSql();

    private static string BuildLiveSql()
    {
        var sums = string.Join(",\n    ", KpiColumns.All.Select(c => $"sum({c.Name})::{(c.SqlType == "int" ? "bigint" : c.SqlType)} AS {c.Name}"));
        string Side(bool opened) => string.Join(", ", KpiColumns.All.Select(c => $"{(opened ? c.OnOpened : c.OnClosed)} AS {c.Name}"));
        return $"""
            SELECT day, category, severity, channel, owner_id, root_cause_id, max(owner_name) AS owner_name,
                {sums}
            FROM (
                SELECT (c.opened_at AT TIME ZONE @tz)::date AS day, c.category, c.severity, c.channel, c.owner_id, c.root_cause_id, c.owner_name, {Side(true)}
                FROM recovery_cases c
                WHERE c.opened_at >= (@from::timestamp AT TIME ZONE @tz) AND c.opened_at < ((@to + 1)::timestamp AT TIME ZONE @tz)
                UNION ALL
                SELECT (c.closed_at AT TIME ZONE @tz)::date, c.category, c.severity, c.channel, c.owner_id, c.root_cause_id, c.owner_name, {Side(false)}
                FROM recovery_cases c
                WHERE c.closed_at >= (@from::timestamp AT TIME ZONE @tz) AND c.closed_at < ((@to + 1)::timestamp AT TIME ZONE @tz)
            ) f
            GROUP BY day, category, severity, channel, owner_id, root_cause_id
            """;
    }

    /// <summary>The fine rows (every dimension kept) of the days in [@from, @to], from the cases.</summary>
    private static readonly string InsertSql =
        $"INSERT INTO kpi_daily (day, category, severity, channel, owner_id, root_cause_id, owner_name, dims, {Columns})\n" +
        $"SELECT day, category, severity, channel, owner_id, root_cause_id, owner_name, {(int)KpiDims.All}, {Columns} FROM (\n{LiveSql}\n) fine\n" +
        // Written in day order (and by the filters within a day), so a period's rows sit together on disk.
        "ORDER BY day, severity, channel, category, owner_id";

    /// <summary>The coarse grains' rows of the days in [@from, @to], summed from the fine rows (<see cref="KpiGrains"/>).</summary>
    private static readonly string InsertCoarseSql = $"""
        INSERT INTO kpi_daily (day, category, severity, channel, owner_id, root_cause_id, owner_name, dims, {Columns})
        SELECT day, category, severity, channel, owner_id, root_cause_id, CASE WHEN GROUPING(owner_id) = 0 THEN max(owner_name) END,
            {KpiGrains.DimsOfGroupingSql}, {string.Join(", ", KpiColumns.All.Select(c => $"sum({c.Name})"))}
        FROM kpi_daily
        WHERE dims = {(int)KpiDims.All} AND day BETWEEN @from AND @to
        GROUP BY day, GROUPING SETS ({KpiGrains.CoarseGroupingSets})
        ORDER BY day, 8
        """;

    private static string Columns => string.Join(", ", KpiColumns.All.Select(c => c.Name));

    /// <summary>Deletes and rewrites the days, a contiguous run at a time (each run is one index range over the cases):
    /// the fine rows from the cases, then the coarse grains from the fine rows.</summary>
    private async Task<int> WriteDaysAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<DateOnly> days, CancellationToken ct)
    {
        var written = 0;
        foreach (var (from, to) in Runs(days))
        {
            await using var delete = Command(connection, tx, "DELETE FROM kpi_daily WHERE day BETWEEN @from AND @to");
            delete.Parameters.Add(new NpgsqlParameter("from", from));
            delete.Parameters.Add(new NpgsqlParameter("to", to));
            await delete.ExecuteNonQueryAsync(ct);
            await using var insert = Command(connection, tx, InsertSql);
            insert.Parameters.Add(new NpgsqlParameter("tz", TimeZoneId));
            insert.Parameters.Add(new NpgsqlParameter("from", from));
            insert.Parameters.Add(new NpgsqlParameter("to", to));
            written += await insert.ExecuteNonQueryAsync(ct);
            await using var coarse = Command(connection, tx, InsertCoarseSql);
            coarse.Parameters.Add(new NpgsqlParameter("from", from));
            coarse.Parameters.Add(new NpgsqlParameter("to", to));
            written += await coarse.ExecuteNonQueryAsync(ct);
        }

        return written;
    }

    /// <summary>Sorted days as contiguous runs; a gap of up to a week is bridged (one range scan instead of many).</summary>
    internal static IEnumerable<(DateOnly From, DateOnly To)> Runs(IReadOnlyList<DateOnly> sortedDays)
    {
        for (var i = 0; i < sortedDays.Count;)
        {
            var from = sortedDays[i];
            var to = from;
            while (++i < sortedDays.Count && sortedDays[i].DayNumber - to.DayNumber <= 7)
            {
                to = sortedDays[i];
            }

            yield return (from, to);
        }
    }

    private async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            await using (var lockCommand = Command(connection, tx, "SELECT pg_advisory_xact_lock(@key)"))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter("key", LockKey));
                await lockCommand.ExecuteNonQueryAsync(ct);
            }

            var result = await work(connection, tx);
            await tx.CommitAsync(ct);
            return result;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction tx, string sql) =>
        new(sql, connection, tx) { CommandTimeout = 600 };
}
