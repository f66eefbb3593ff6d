using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// The dashboard's one query: the roll-up's rows for the period up to yesterday plus today's computed live from the
/// cases (<see cref="KpiRollup.LiveSql"/>), filtered, summed per owner, per root cause and per week (Monday) in one
/// round trip; each of the three reads the smallest grain of the roll-up that can answer it (<see cref="KpiGrains"/>).
/// </summary>
public static class KpiQuery
{
    public sealed record Answer(
        KpiTotals Total, IReadOnlyList<(Guid? OwnerId, string? OwnerName, KpiTotals Totals)> PerOwner, IReadOnlyList<(DateOnly Week, KpiTotals Totals)> PerWeek,
        IReadOnlyList<(Guid? CauseId, KpiTotals Totals)> PerCause);

    /// <summary>The last day whose maturing measures (<see cref="KpiColumn.Matures"/>) count on <paramref name="today"/>.</summary>
    public static DateOnly MaturedThrough(DateOnly today) => today.AddDays(-KpiColumns.MaturesAfterDays);

    public static async Task<Answer> RunAsync(AppDbContext db, KpiFilter filter, DateOnly today, string timeZoneId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var storedTo = filter.To < today ? filter.To : today.AddDays(-1);
        var live = filter.To >= today;
        var liveFrom = filter.From > today ? filter.From : today;
        var parameters = new List<NpgsqlParameter>
        {
            new("from", filter.From), new("storedTo", storedTo), new("liveFrom", liveFrom), new("liveTo", filter.To), new("tz", timeZoneId),
            new("maturedTo", MaturedThrough(today)),
        };
        var where = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(filter.Category)) { where.Append(" AND category = @category"); parameters.Add(new("category", filter.Category)); }
        if (filter.Severity is { } severity) { where.Append(" AND severity = @severity"); parameters.Add(new("severity", severity.ToString())); }
        if (filter.Channel is { } channel) { where.Append(" AND channel = @channel"); parameters.Add(new("channel", channel.ToString())); }
        if (filter.Unassigned) { where.Append(" AND owner_id IS NULL"); }
        else if (filter.OwnerId is { } owner) { where.Append(" AND owner_id = @owner"); parameters.Add(new("owner", owner)); }
        if (filter.Unclassified) { where.Append(" AND root_cause_id IS NULL"); }
        else if (filter.CauseId is { } cause) { where.Append(" AND root_cause_id = @cause"); parameters.Add(new("cause", cause)); }

        // Three questions (per owner, per root cause, per week), each answered from the smallest grain that keeps what it
        // groups by and filters on, plus today live; questions that land on the same grain share one scan of it.
        var columns = string.Join(", ", KpiColumns.All.Select(c => c.Name));
        // A maturing measure counts only the days at least 90 days back (whether the customer came back is known by then).
        var sums = string.Join(", ", KpiColumns.All.Select(c => c.Matures ? $"sum({c.Name}) FILTER (WHERE day <= @maturedTo)" : $"sum({c.Name})"));
        var filtered = KpiGrains.Of(filter);
        const string Week = "date_trunc('week', day)::date";
        (int Tag, KpiDims Needs, string Key)[] questions =
        [
            (2, filtered | KpiDims.Owner, "owner_id"),
            (1, filtered | KpiDims.Cause, "root_cause_id"),
            (0, filtered, Week),
        ];
        var sql = new StringBuilder();
        if (live)
        {
            sql.Append("WITH live AS MATERIALIZED (\n")
                .Append(KpiRollup.LiveSql.Replace("@from", "@liveFrom", StringComparison.Ordinal).Replace("@to", "@liveTo", StringComparison.Ordinal))
                .Append("\n)\n");
        }

        var union = string.Empty;
        foreach (var shared in questions.GroupBy(q => KpiGrains.For(q.Needs)))
        {
            var asked = shared.ToList();
            bool Asks(string key) => asked.Exists(q => q.Key == key);
            var tag = asked.Count == 1
                ? asked[0].Tag.ToString(CultureInfo.InvariantCulture)
                : $"CASE {string.Join(" ", asked.SkipLast(1).Select(q => $"WHEN GROUPING({q.Key}) = 0 THEN {q.Tag}"))} ELSE {asked[^1].Tag} END";
            sql.Append(union)
                .Append(CultureInfo.InvariantCulture, $"SELECT {tag}, {(Asks("owner_id") ? "owner_id" : "NULL::uuid")}, {(Asks("root_cause_id") ? "root_cause_id" : "NULL::uuid")}, ")
                .Append(CultureInfo.InvariantCulture, $"{(Asks("owner_id") ? "max(owner_name)::text" : "NULL::text")}, {(Asks(Week) ? Week : "NULL::date")}, {sums} FROM (\n")
                .Append(CultureInfo.InvariantCulture, $"    SELECT day, owner_id, root_cause_id, owner_name, {columns} FROM kpi_daily WHERE dims = {(int)shared.Key} AND day BETWEEN @from AND @storedTo{where}\n")
                .Append(live ? $"    UNION ALL SELECT day, owner_id, root_cause_id, owner_name, {columns} FROM live WHERE true{where}\n" : string.Empty)
                .Append(CultureInfo.InvariantCulture, $") g{(int)shared.Key} GROUP BY GROUPING SETS ({string.Join(", ", asked.Select(q => $"({q.Key})"))})\n");
            union = "UNION ALL ";
        }

        var total = new KpiTotals();
        var perOwner = new List<(Guid?, string?, KpiTotals)>();
        var perWeek = new List<(DateOnly, KpiTotals)>();
        var perCause = new List<(Guid?, KpiTotals)>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(ct);
        }

        try
        {
            await using var command = new NpgsqlCommand(sql.ToString(), connection);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var totals = new KpiTotals();
                for (var i = 0; i < KpiColumns.All.Count; i++)
                {
                    if (!reader.IsDBNull(5 + i))
                    {
                        totals.Add(KpiColumns.All[i].Name, reader.GetFieldValue<decimal>(5 + i));
                    }
                }

                switch (reader.GetInt32(0))
                {
                    case 2: // grouped by owner
                        perOwner.Add((reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.IsDBNull(3) ? null : reader.GetString(3), totals));
                        total.Add(totals);
                        break;
                    case 1: // grouped by root cause
                        perCause.Add((reader.IsDBNull(2) ? null : reader.GetGuid(2), totals));
                        break;
                    default: // grouped by week
                        perWeek.Add((reader.GetFieldValue<DateOnly>(4), totals));
                        break;
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }

        return new Answer(total, [.. perOwner.OrderBy(o => o.Item2 ?? "\uffff", StringComparer.CurrentCulture)], [.. perWeek.OrderBy(w => w.Item1)], perCause);
    }
}
