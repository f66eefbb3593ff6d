#if BENCHMARK
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Npgsql;
using NpgsqlTypes;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Features.Queue;
using ServiceRecovery.Web.Infrastructure.Auth;

// In WebRegistration's namespace so that its single call site needs no using (which would not compile without BENCHMARK).
namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Benchmark builds only (<c>-p:DefineConstants=BENCHMARK</c>, see benchmarks/run.sh): the queue's first page for a
/// supervisor, done with plain Npgsql and a StringBuilder instead of EF Core, MediatR and Razor. The SQL is the SQL EF
/// generates for <c>/queue</c> (captured from its command log): the 26 rows, the counts per stage, the counts per SLA
/// state, the categories and the staff list, with the counts and lists shared exactly as the page shares them
/// (<see cref="SharedResults"/>), over the same connection settings (<c>DataRegistration.Tuned</c>). The HTML is the
/// page's own document, layout and antiforgery token included, written with a StringBuilder. <c>?part=rows</c> runs the
/// rows query alone and renders only what it can (a noise check at the start and end of a run). The write path's
/// baseline (<c>/bench/create-raw</c>, <see cref="RawCreateBaseline"/>) shares its data source.
/// </summary>
public static class RawBaseline
{
    private const int PageSize = 25;

    private const string ClosedStages = "('Closed', 'ClosedWithoutRecovery', 'Withdrawn')";

    private const string RowsSql = $"""
        SELECT r.id, r.reference, r.customer_id, (
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

    // Domain.Cases.CaseSlaState.Of in SQL: this is the raw baseline, written by hand on purpose (QueueTests compare its page with the real one).
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
        var dataSource = NpgsqlDataSource.Create(Data.DataRegistration.Tuned(configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.")));
        e.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(dataSource.Dispose);
        var organisation = e.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OrganisationOptions>>();
        var shared = e.ServiceProvider.GetRequiredService<SharedResults>();
        var antiforgery = e.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();

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
                        reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(13), reader.GetString(1), reader.GetString(3), Enum.Parse<Severity>(reader.GetString(4)), Enum.Parse<Stage>(reader.GetString(5)),
                        reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9),
                        reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12)));
                }
            }

            var perStage = new Dictionary<string, int>(StringComparer.Ordinal);
            var perSla = new Dictionary<string, int>(StringComparer.Ordinal);
            var people = new List<(Guid Id, string Name)>();
            var categories = new List<string>();
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
                (categories, people) = await shared.GetAsync("bench-raw-lists", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), async (services, token) =>
                {
                    await using var c = await dataSource.OpenConnectionAsync(token);
                    var names = new List<string>();
                    await using (var cmd = new NpgsqlCommand(CategoriesSql, c))
                    await using (var reader = await cmd.ExecuteReaderAsync(token))
                    {
                        while (await reader.ReadAsync(token))
                        {
                            names.Add(reader.GetString(0));
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

                    return (names, list);
                }, ct);
            }

            // The page's forms carry an antiforgery token, as the app's do (the same call Razor's form tag helper makes).
            var token = rowsOnly ? "" : antiforgery.GetAndStoreTokens(http).RequestToken ?? "";
            return Results.Content(Render(http.User, organisation.Value.Name, token, rows, perStage, perSla, categories, people, now), "text/html; charset=utf-8");
        }).RequireAuthorization();
        return e.MapBenchmarkCreateBaseline(dataSource);
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

    /// <summary>
    /// The same document as <c>/queue</c> (layout, counts, filter form, table, bulk-assignment form, paging), written by
    /// hand: the text differs only where the app uses fingerprinted asset URLs and its own cursor.
    /// </summary>
    private static string Render(System.Security.Claims.ClaimsPrincipal user, string organisation, string token, List<Row> rows,
        Dictionary<string, int> perStage, Dictionary<string, int> perSla, List<string> categories, List<(Guid Id, string Name)> people, DateTimeOffset now)
    {
        var html = HtmlEncoder.Default;
        var sb = new StringBuilder(40 * 1024);
        var inv = CultureInfo.InvariantCulture;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n    <meta charset=\"utf-8\" />\n    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("    <title>Queue &#xB7; ServiceRecovery</title>\n    <link rel=\"stylesheet\" href=\"/lib/bootstrap/css/bootstrap.min.css\" />\n    <link rel=\"stylesheet\" href=\"/css/site.css\" />\n")
            .Append("    <link rel=\"icon\" href=\"/img/favicon.svg\" type=\"image/svg+xml\" />\n</head>\n<body class=\"d-flex flex-column min-vh-100\">\n")
            .Append("    <a class=\"visually-hidden-focusable skip-link\" href=\"#main\">Skip to main content</a>\n    <header>\n        <nav class=\"navbar navbar-expand-md navbar-dark sr-navbar\" aria-label=\"Main\">\n")
            .Append("            <div class=\"container-xl\">\n                <a class=\"navbar-brand fw-semibold\" href=\"/\">\n                    <img src=\"/img/favicon.svg\" alt=\"\" width=\"26\" height=\"26\" class=\"me-1 align-text-bottom\" />\n                    ServiceRecovery\n                </a>\n")
            .Append("                    <button class=\"navbar-toggler\" type=\"button\" data-bs-toggle=\"collapse\" data-bs-target=\"#mainNav\"\n                            aria-controls=\"mainNav\" aria-expanded=\"false\" aria-label=\"Toggle navigation\">\n                        <span class=\"navbar-toggler-icon\"></span>\n                    </button>\n")
            .Append("                    <div class=\"collapse navbar-collapse\" id=\"mainNav\">\n                        <ul class=\"navbar-nav me-auto\">\n");
        void NavItem(string href, string label, bool active) => sb.Append(inv, $"                            <li class=\"nav-item\">\n                                <a class=\"nav-link {(active ? "active" : "")}\" href=\"{href}\">{label}</a>\n                            </li>\n");
        NavItem("/", "Home", false);
        NavItem("/cases/mine", "My cases", false);
        NavItem("/cases/new", "Log a complaint", false);
        NavItem("/queue", "Queue", true);
        if (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Manager))
        {
            NavItem("/approvals", "Approvals", false);
        }

        if (user.IsInRole(Roles.Manager))
        {
            NavItem("/compensation", "Compensation", false);
        }

        sb.Append("                        </ul>\n                        <div class=\"d-flex align-items-center gap-3 text-white-50 small\">\n                            <span>\n")
            .Append(inv, $"                                <span class=\"text-white\" data-testid=\"current-user\">{html.Encode(user.FindFirst(AppClaims.DisplayName)?.Value ?? "")}</span>\n");
        foreach (var role in Roles.All.Where(user.IsInRole))
        {
            sb.Append(inv, $"                                    <span class=\"badge text-bg-light ms-1\">{html.Encode(role)}</span>\n");
        }

        sb.Append("                            </span>\n                            <form method=\"post\" class=\"m-0\" data-testid=\"sign-out\" action=\"/account/logout\">\n")
            .Append("                                <button type=\"submit\" class=\"btn btn-sm btn-outline-light\">Sign out</button>\n")
            .Append(inv, $"                            <input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{html.Encode(token)}\" /></form>\n")
            .Append("                        </div>\n                    </div>\n            </div>\n        </nav>\n    </header>\n    <main id=\"main\" class=\"container-xl py-4 flex-grow-1\" tabindex=\"-1\">\n")
            .Append("        <div class=\"d-flex flex-wrap justify-content-between align-items-baseline gap-2 mb-2\">\n    <h1 class=\"h3 mb-0\">Queue</h1>\n    <div class=\"d-flex gap-2\">\n")
            .Append("            <a class=\"btn btn-sm btn-outline-danger\" href=\"/queue?View.Sla=Breached\" data-testid=\"escalations\">Escalations (breached)</a>\n")
            .Append("        <a class=\"btn btn-sm btn-outline-secondary\" href=\"/queue?handler=Export\" data-testid=\"export\">Export this view (CSV)</a>\n    </div>\n</div>\n")
            .Append("<nav aria-label=\"SLA states\" class=\"mb-2 d-flex flex-wrap gap-2\" data-testid=\"sla-counts\">\n");
        foreach (var (key, label, css) in new[] { ("Breached", "Breached", "text-bg-danger"), ("AtRisk", "At risk", "text-bg-warning"), ("OnTrack", "On track", "text-bg-light"), ("Paused", "Paused", "text-bg-info") })
        {
            sb.Append(inv, $"        <a class=\"badge {css} text-decoration-none fs-6 \" href=\"/queue?View.Sla={Uri.EscapeDataString(key)}\" data-sla=\"{key}\">{html.Encode(label)}: {perSla.GetValueOrDefault(key)}</a>\n");
        }

        sb.Append("</nav>\n<nav aria-label=\"Stages\" class=\"mb-3 d-flex flex-wrap gap-2 small\" data-testid=\"stage-counts\">\n");
        foreach (var stage in QueueQuery.OpenStages)
        {
            var name = stage.ToString();
            sb.Append(inv, $"        <a class=\" text-decoration-none\" href=\"/queue?View.Stage={Uri.EscapeDataString(name)}\" data-stage=\"{name}\">{html.Encode(Stages.Label(stage))} ({perStage.GetValueOrDefault(name)})</a>\n");
        }

        sb.Append("</nav>\n<form method=\"get\" class=\"row g-2 align-items-end mb-3\" role=\"search\" aria-label=\"Filter the queue\">\n")
            .Append("    <div class=\"col-md-3\"><label class=\"form-label small\" for=\"f-text\">Reference or customer</label><input id=\"f-text\" name=\"View.Text\" class=\"form-control form-control-sm\" type=\"search\" /></div>\n")
            .Append("    <div class=\"col-md-2\"><label class=\"form-label small\" for=\"f-sev\">Severity</label>\n        <select id=\"f-sev\" name=\"View.Severity\" class=\"form-select form-select-sm\"><option value=\"\">Any</option>");
        foreach (var severity in Enum.GetValues<Severity>())
        {
            sb.Append(inv, $" <option value=\"{severity}\">{severity}</option> ");
        }

        sb.Append("</select></div>\n    <div class=\"col-md-2\"><label class=\"form-label small\" for=\"f-owner\">Owner</label>\n        <select id=\"f-owner\" name=\"View.Owner\" class=\"form-select form-select-sm\"><option value=\"\">Anyone</option><option value=\"me\">Me</option><option value=\"none\">Unassigned</option>");
        foreach (var (id, name) in people)
        {
            sb.Append(inv, $" <option value=\"{id}\">{html.Encode(name)}</option> ");
        }

        sb.Append("</select></div>\n    <div class=\"col-md-2\"><label class=\"form-label small\" for=\"f-channel\">Channel</label>\n        <select id=\"f-channel\" name=\"View.Channel\" class=\"form-select form-select-sm\"><option value=\"\">Any</option>");
        foreach (var channel in Enum.GetValues<Channel>())
        {
            sb.Append(inv, $" <option value=\"{channel}\">{html.Encode(CaseViews.ChannelLabel(channel))}</option> ");
        }

        sb.Append("</select></div>\n    <div class=\"col-md-3\"><label class=\"form-label small\" for=\"f-cat\">Category</label>\n        <select id=\"f-cat\" name=\"View.Category\" class=\"form-select form-select-sm\"><option value=\"\">Any</option>");
        foreach (var category in categories)
        {
            var c = html.Encode(category);
            sb.Append(inv, $" <option value=\"{c}\">{c}</option> ");
        }

        sb.Append("</select></div>\n    <div class=\"col-md-2\"><label class=\"form-label small\" for=\"f-age\">Older than</label>\n        <select id=\"f-age\" name=\"View.OlderThanDays\" class=\"form-select form-select-sm\"><option value=\"\">Any age</option>");
        foreach (var days in new[] { 1, 3, 7, 30 })
        {
            sb.Append(inv, $" <option value=\"{days}\">{days} day(s)</option> ");
        }

        sb.Append("</select></div>\n    <div class=\"col-md-2\"><label class=\"form-label small\" for=\"f-sort\">Sort by</label>\n        <select id=\"f-sort\" name=\"View.Sort\" class=\"form-select form-select-sm\"><option value=\"Sla\" selected=\"selected\">SLA due</option><option value=\"Age\">Oldest first</option><option value=\"Severity\">Most severe first</option></select></div>\n")
            .Append("    <div class=\"col-md-2\"><label class=\"form-label small\" for=\"f-size\">Rows</label>\n        <select id=\"f-size\" name=\"View.Size\" class=\"form-select form-select-sm\"> <option value=\"25\" selected=\"selected\">25</option>  <option value=\"50\">50</option>  <option value=\"100\">100</option> </select></div>\n")
            .Append("    <div class=\"col-md-2\"><div class=\"form-check mb-1\"><input class=\"form-check-input\" type=\"checkbox\" id=\"f-flagged\" name=\"View.Flagged\" value=\"true\" aria-describedby=\"f-flagged-help\" /><label class=\"form-check-label small\" for=\"f-flagged\">Flagged customers only</label></div>\n        <span id=\"f-flagged-help\" class=\"visually-hidden\">Customers flagged for repeated compensation</span></div>\n")
            .Append("    <input type=\"hidden\" name=\"View.Sla\" value=\"\" />\n    <div class=\"col-md-2\"><button type=\"submit\" class=\"btn btn-sm btn-primary\">Apply</button> <a class=\"btn btn-sm btn-link\" href=\"/queue\">Clear</a></div>\n</form>\n\n")
            .Append("    <form method=\"post\" action=\"/queue?handler=Assign\">\n        <div class=\"table-responsive\">\n            <table class=\"table table-sm table-hover align-middle\" data-testid=\"queue\">\n")
            .Append("                <caption class=\"visually-hidden\">Open cases</caption>\n                <thead><tr><th scope=\"col\"><span class=\"visually-hidden\">Select</span></th><th scope=\"col\">Case</th><th scope=\"col\">Customer</th><th scope=\"col\">Severity</th><th scope=\"col\">Stage</th><th scope=\"col\">Owner</th><th scope=\"col\">Age</th><th scope=\"col\">SLA</th></tr></thead>\n                <tbody>\n");
        foreach (var r in rows.Take(PageSize))
        {
            var state = CaseSlaState.At(r.SlaDueAt, r.SlaAtRiskAt, r.WaitingSince, now);
            var reference = html.Encode(r.Reference);
            sb.Append(inv, $"                    <tr class=\"{SlaDisplay.Row(state)}\" data-reference=\"{reference}\">\n")
                .Append(inv, $"                        <td><input class=\"form-check-input\" type=\"checkbox\" name=\"Bulk.References\" value=\"{reference}\" id=\"sel-{reference}\" aria-label=\"Select {reference}\" /></td>\n")
                .Append(inv, $"                        <td><a href=\"/cases/{reference}\">{reference}</a></td>\n                        <td>{html.Encode(r.CustomerName)}</td>\n")
                .Append(inv, $"                        <td><span class=\"badge {CaseViews.SeverityBadge(r.Severity)}\">{r.Severity}</span></td>\n                        <td>{html.Encode(Stages.Label(r.Stage))}</td>\n")
                .Append(inv, $"                        <td>{html.Encode(r.OwnerName ?? "unassigned")}</td>\n                        <td>{html.Encode(CaseViews.Age(now - r.OpenedAt))}</td>\n")
                .Append(inv, $"                        <td data-testid=\"sla-state\">{html.Encode(SlaDisplay.Short(state))}{(r.SlaDueAt is { } d && r.WaitingSince is null ? "<span class=\"small text-body-secondary\"> · " + html.Encode(SlaDisplay.Due(d, now)) + "</span>" : "")}</td>\n                    </tr>\n");
        }

        sb.Append("                </tbody>\n            </table>\n        </div>\n        <div class=\"row g-2 align-items-end mb-3\" aria-label=\"Bulk assignment\">\n")
            .Append("            <div class=\"col-md-3\"><label class=\"form-label small\" for=\"bulk-assignee\">Assign selected to</label>\n                <select id=\"bulk-assignee\" name=\"Bulk.Assignee\" class=\"form-select form-select-sm\"><option value=\"me\">Me</option>");
        foreach (var (id, name) in people)
        {
            sb.Append(inv, $" <option value=\"{id}\">{html.Encode(name)}</option> ");
        }

        sb.Append("</select>\n                <span class=\"invalid-feedback d-block\"></span></div>\n")
            .Append("            <div class=\"col-md-5\"><label class=\"form-label small\" for=\"bulk-reason\">Reason</label><input id=\"bulk-reason\" name=\"Bulk.Reason\" class=\"form-control form-control-sm\" maxlength=\"4000\" />\n                <span class=\"invalid-feedback d-block\"></span></div>\n")
            .Append("            <div class=\"col-md-2\"><button type=\"submit\" class=\"btn btn-sm btn-outline-primary\">Assign</button></div>\n        </div>\n")
            .Append(inv, $"    <input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{html.Encode(token)}\" /></form>\n    <nav aria-label=\"Pages\" class=\"d-flex gap-2\">\n");
        if (rows.Count > PageSize)
        {
            var last = rows[PageSize - 1];
            var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(inv, $"{last.SortAt.UtcTicks}|{last.Id}|0"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            sb.Append(inv, $" <a class=\"btn btn-sm btn-outline-secondary\" href=\"/queue?View.After={cursor}\" data-testid=\"next-page\">Next page</a>     </nav>\n\n");
        }
        else
        {
            sb.Append("     </nav>\n\n");
        }

        return sb.Append("    </main>\n    <footer class=\"border-top py-3 text-body-secondary small\">\n        <div class=\"container-xl d-flex justify-content-between\">\n")
            .Append(inv, $"            <span>{html.Encode(organisation)}</span>\n            <span>ServiceRecovery — apologize, empathize, fix, atone, follow up.</span>\n        </div>\n    </footer>\n")
            .Append("    <script src=\"/lib/bootstrap/js/bootstrap.bundle.min.js\"></script>\n    <script src=\"/js/site.js\"></script>\n</body>\n</html>\n").ToString();
    }

    private sealed record Row(Guid Id, DateTimeOffset SortAt, string Reference, string CustomerName, Severity Severity, Stage Stage, string? OwnerName, DateTimeOffset OpenedAt,
        DateTimeOffset? SlaDueAt, DateTimeOffset? SlaAtRiskAt, DateTimeOffset? WaitingSince);
}
#endif
