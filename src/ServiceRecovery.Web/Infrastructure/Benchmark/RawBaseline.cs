#if BENCHMARK
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Npgsql;
using NpgsqlTypes;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Features.Queue;

// In WebRegistration's namespace so that its single call site needs no using (which would not compile without BENCHMARK).
namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Benchmark builds only (<c>-p:DefineConstants=BENCHMARK</c>, see benchmarks/run.sh): the queue's first page for a
/// supervisor, done with plain Npgsql and a StringBuilder instead of EF Core, MediatR and Razor. The SQL is the SQL EF
/// generates for <c>/queue</c> (captured from its command log): the 26 rows, the counts per stage, the counts per SLA
/// state, the categories and the staff list. <c>?part=rows</c> runs the rows query alone. The HTML is a table with the
/// queue's columns, HTML-encoded, without the layout.
/// </summary>
public static class RawBaseline
{
    private const int PageSize = 25;

    private const string ClosedStages = "('Closed', 'ClosedWithoutRecovery', 'Withdrawn')";

    private const string RowsSql = $"""
        SELECT r.id, r.reference, (
            SELECT c.name
            FROM customers AS c
            WHERE c.id = r.customer_id
            LIMIT 1), r.severity, r.stage, r.channel, r.category, r.owner_name, r.opened_at, r.sla_due_at, r.sla_at_risk_at, r.waiting_since, r.sla_sort_at, r.severity_order
        FROM recovery_cases AS r
        WHERE r.stage NOT IN {ClosedStages}
        ORDER BY r.sla_sort_at, r.id
        LIMIT @p
        """;

    private const string PerStageSql = $"""
        SELECT r.stage AS "Key", count(*)::int AS "Count"
        FROM recovery_cases AS r
        WHERE r.stage NOT IN {ClosedStages}
        GROUP BY r.stage
        """;

    private const string PerSlaSql = $"""
        SELECT r0."Key", count(*)::int AS "Count"
        FROM (
            SELECT CASE
                WHEN r.sla_due_at <= @now THEN 'Breached'
                WHEN r.waiting_since IS NOT NULL THEN 'Paused'
                WHEN r.sla_due_at IS NULL THEN 'Met'
                WHEN r.sla_at_risk_at <= @now THEN 'AtRisk'
                ELSE 'OnTrack'
            END AS "Key"
            FROM recovery_cases AS r
            WHERE r.stage NOT IN {ClosedStages}
        ) AS r0
        GROUP BY r0."Key"
        """;

    private const string CategoriesSql = """
        SELECT c.name
        FROM case_categories AS c
        ORDER BY c.sort_order
        """;

    private const string PeopleSql = """
        SELECT u.id, u.display_name
        FROM users AS u
        WHERE NOT (u.is_disabled) AND EXISTS (
            SELECT 1
            FROM user_roles AS u0
            WHERE u0.user_id = u.id AND u0.role_id = ANY (@staffRoleIds))
        ORDER BY u.display_name
        """;

    /// <summary>Frontline, Supervisor and Manager (Roles.Seed without Admin).</summary>
    private static readonly Guid[] StaffRoleIds =
        [new("0190f000-0000-7000-8000-000000000001"), new("0190f000-0000-7000-8000-000000000002"), new("0190f000-0000-7000-8000-000000000003")];

    public static IEndpointRouteBuilder MapBenchmarkBaseline(this IEndpointRouteBuilder e)
    {
        var configuration = e.ServiceProvider.GetRequiredService<IConfiguration>();
        var dataSource = NpgsqlDataSource.Create(configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set."));
        e.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(dataSource.Dispose);
        var organisation = e.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OrganisationOptions>>();
        var shared = e.ServiceProvider.GetRequiredService<SharedResults>();

        e.MapGet("/bench/queue-raw", async (HttpContext http) =>
        {
            var ct = http.RequestAborted;
            var rowsOnly = http.Request.Query["part"] == "rows";
            var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, organisation.Value.TimeZone);
            await using var conn = await dataSource.OpenConnectionAsync(ct);

            var rows = new List<Row>(PageSize + 1);
            await using (var cmd = new NpgsqlCommand(RowsSql, conn))
            {
                cmd.Parameters.AddWithValue("p", PageSize + 1);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    rows.Add(new Row(
                        reader.GetString(1), reader.GetString(2), Enum.Parse<Severity>(reader.GetString(3)), Enum.Parse<Stage>(reader.GetString(4)),
                        reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11)));
                }
            }

            var perStage = new Dictionary<string, int>(StringComparer.Ordinal);
            var perSla = new Dictionary<string, int>(StringComparer.Ordinal);
            var people = new List<(Guid Id, string Name)>();
            if (!rowsOnly)
            {
                // Like the app: counts shared for 10 s and the pick lists for 60 s, computed by one request and
                // refreshed in the background (the same SharedResults as Features/Queue/Index.cshtml.cs).
                (perStage, perSla) = await shared.GetAsync("bench-raw-counts", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), async (services, token) =>
                {
                    await using var c = await dataSource.OpenConnectionAsync(token);
                    var stages = new Dictionary<string, int>(StringComparer.Ordinal);
                    var slas = new Dictionary<string, int>(StringComparer.Ordinal);
                    await CountsAsync(c, PerStageSql, null, stages, token);
                    await CountsAsync(c, PerSlaSql, DateTime.UtcNow, slas, token);
                    return (stages, slas);
                }, ct);
                people = await shared.GetAsync("bench-raw-lists", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), async (services, token) =>
                {
                    await using var c = await dataSource.OpenConnectionAsync(token);
                    await using (var cmd = new NpgsqlCommand(CategoriesSql, c))
                    await using (var reader = await cmd.ExecuteReaderAsync(token))
                    {
                        while (await reader.ReadAsync(token))
                        {
                            _ = reader.GetString(0);
                        }
                    }

                    var list = new List<(Guid Id, string Name)>();
                    await using (var cmd = new NpgsqlCommand(PeopleSql, c))
                    {
                        cmd.Parameters.AddWithValue("staffRoleIds", NpgsqlDbType.Array | NpgsqlDbType.Uuid, StaffRoleIds);
                        await using var reader = await cmd.ExecuteReaderAsync(token);
                        while (await reader.ReadAsync(token))
                        {
                            list.Add((reader.GetGuid(0), reader.GetString(1)));
                        }
                    }

                    return list;
                }, ct);
            }

            return Results.Content(Render(rows, perStage, perSla, people, now), "text/html; charset=utf-8");
        }).RequireAuthorization();
        return e;
    }

    private static async Task CountsAsync(NpgsqlConnection conn, string sql, DateTime? now, Dictionary<string, int> into, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (now is { } at)
        {
            cmd.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, at);
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            into[reader.GetString(0)] = reader.GetInt32(1);
        }
    }

    private static string Render(List<Row> rows, Dictionary<string, int> perStage, Dictionary<string, int> perSla, List<(Guid Id, string Name)> people, DateTimeOffset now)
    {
        var html = HtmlEncoder.Default;
        var sb = new StringBuilder(16 * 1024);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Queue (raw baseline)</title></head><body><main><h1>Queue</h1><nav aria-label=\"SLA states\">");
        foreach (var (key, count) in perSla)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a data-sla=\"{html.Encode(key)}\">{html.Encode(key)}: {count}</a> ");
        }

        sb.Append("</nav><nav aria-label=\"Stages\">");
        foreach (var (key, count) in perStage)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<a data-stage=\"{html.Encode(key)}\">{html.Encode(key)} ({count})</a> ");
        }

        sb.Append("</nav><select name=\"View.Owner\">");
        foreach (var (id, name) in people)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<option value=\"{id}\">{html.Encode(name)}</option>");
        }

        sb.Append("</select><table class=\"table table-sm\" data-testid=\"queue\"><thead><tr><th scope=\"col\">Select</th><th scope=\"col\">Case</th><th scope=\"col\">Customer</th>")
            .Append("<th scope=\"col\">Severity</th><th scope=\"col\">Stage</th><th scope=\"col\">Owner</th><th scope=\"col\">Age</th><th scope=\"col\">SLA</th></tr></thead><tbody>");
        foreach (var r in rows.Take(PageSize))
        {
            var state = r.WaitingSince is not null ? "Paused"
                : r.SlaDueAt is not { } due ? "Met"
                : due <= now ? "Breached"
                : r.SlaAtRiskAt <= now ? "At risk"
                : "On track";
            var reference = html.Encode(r.Reference);
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-reference=\"{reference}\"><td><input type=\"checkbox\" name=\"Bulk.References\" value=\"{reference}\" /></td>")
                .Append(CultureInfo.InvariantCulture, $"<td><a href=\"/cases/{reference}\">{reference}</a></td><td>{html.Encode(r.CustomerName)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><span class=\"badge {CaseViews.SeverityBadge(r.Severity)}\">{r.Severity}</span></td><td>{html.Encode(Stages.Label(r.Stage))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{html.Encode(r.OwnerName ?? "unassigned")}</td><td>{html.Encode(CaseViews.Age(now - r.OpenedAt))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{html.Encode(state)}{(r.SlaDueAt is { } d && r.WaitingSince is null ? " · " + html.Encode(SlaDisplay.Due(d, now)) : "")}</td></tr>");
        }

        sb.Append("</tbody></table>");
        if (rows.Count > PageSize)
        {
            sb.Append("<a data-testid=\"next-page\">Next page</a>");
        }

        return sb.Append("</main></body></html>").ToString();
    }

    private sealed record Row(string Reference, string CustomerName, Severity Severity, Stage Stage, string? OwnerName, DateTimeOffset OpenedAt,
        DateTimeOffset? SlaDueAt, DateTimeOffset? SlaAtRiskAt, DateTimeOffset? WaitingSince);
}
#endif
