#if BENCHMARK
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Npgsql;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;

// In WebRegistration's namespace so that its single call site needs no using (which would not compile without BENCHMARK).
namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Benchmark builds only (<c>-p:DefineConstants=BENCHMARK</c>, see benchmarks/write-path.sh): "log a complaint" for a
/// new customer done with plain Npgsql instead of Razor Pages, MediatR, FluentValidation and EF Core. It takes the same
/// form post (same fields, same antiforgery check) and runs, in one transaction, the statements the form's handler
/// causes (captured with <c>log_statement = all</c>): the request-id check, the category check, the next case number,
/// then the customer, the case and its first timeline entry; it answers with the same redirect. It leaves out what EF
/// adds around SaveChanges inside a transaction (<c>SAVEPOINT</c> / <c>RELEASE SAVEPOINT</c>), the SLA policy object
/// (the deadlines are the 24x7 default targets, written as constants) and the validation messages of a bad form (a
/// bad form is a 400 here).
/// </summary>
public static class RawCreateBaseline
{
    private const string AlreadySql = """
        SELECT r.reference
        FROM case_timeline AS c
        INNER JOIN recovery_cases AS r ON c.case_id = r.id
        WHERE c.request_id = @requestId
        LIMIT 1
        """;

    private const string CategorySql = "SELECT EXISTS (SELECT 1 FROM case_categories AS c WHERE c.name = @name AND c.is_active)";

    private const string NextNumberSql = "SELECT nextval('case_number_seq')";

    private const string CustomerSql = """
        INSERT INTO customers (id, abuse_flag_cleared_at, abuse_flag_cleared_by_name, abuse_flag_cleared_reason, created_at, email, name, phone, tier)
        VALUES (@id, NULL, NULL, NULL, @now, @email, @name, @phone, @tier)
        """;

    private const string CaseSql = """
        INSERT INTO recovery_cases (id, category, channel, closed_at, closing_note, currency, customer_expected, customer_id, customer_wants, first_responded_at, follow_up_attempts, follow_up_due_on, last_timeline_sequence, opened_at, opened_by_id, opened_by_name, outcome, owner_id, owner_name, reference, reopen_count, resolved_at, severity, sla_at_risk_at, sla_due_at, stage, transaction_value, waiting_since, what_happened, withdraw_reason)
        VALUES (@id, @category, @channel, NULL, NULL, @currency, @expected, @customerId, @wants, NULL, 0, NULL, 1, @now, @actorId, @actorName, NULL, @ownerId, @ownerName, @reference, 0, NULL, @severity, @atRisk, @due, 'Logged', @value, NULL, @happened, NULL)
        """;

    private const string TimelineSql = """
        INSERT INTO case_timeline (id, actor_id, actor_name, at, case_id, details, from_stage, kind, note, request_id, sequence, summary, to_stage)
        VALUES (@id, @actorId, @actorName, @now, @caseId, @details, NULL, 'case.logged', NULL, @requestId, 1, 'Logged the complaint', 'Logged')
        """;

    /// <summary>The 24x7 default resolution targets (hours) by severity; at risk at 80 % of the time.</summary>
    private static readonly Dictionary<Severity, double> TargetHours = new()
    {
        [Severity.Critical] = 2, [Severity.Major] = 4, [Severity.Moderate] = 8, [Severity.Minor] = 24,
    };

    public static IEndpointRouteBuilder MapBenchmarkCreateBaseline(this IEndpointRouteBuilder e, NpgsqlDataSource dataSource)
    {
        var antiforgery = e.ServiceProvider.GetRequiredService<IAntiforgery>();
        e.MapPost("/bench/create-raw", async (HttpContext http) =>
        {
            var ct = http.RequestAborted;
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync(ct);
            string? Field(string name) => form[$"Data.{name}"] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[0]) ? v[0] : null;
            if (!Guid.TryParse(Field("RequestId"), out var requestId) || Field("CustomerName") is not { } customerName
                || Field("Category") is not { } category || Field("WhatHappened") is not { } happened
                || !Enum.TryParse<Channel>(Field("Channel"), out var channel) || !Enum.TryParse<Severity>(Field("Severity"), out var severity))
            {
                return Results.BadRequest();
            }

            decimal? value = decimal.TryParse(Field("TransactionValue"), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
            var actorId = Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
            var actorName = http.User.FindFirstValue(AppClaims.DisplayName) ?? "";
            var assignToMe = Field("AssignToMe") == "true";
            var now = DateTimeOffset.UtcNow;

            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (await ScalarAsync(conn, AlreadySql, ct, ("requestId", requestId)) is string already)
            {
                return Results.Redirect($"/cases/{already}");
            }

            if (await ScalarAsync(conn, CategorySql, ct, ("name", category)) is not true)
            {
                return Results.BadRequest();
            }

            var number = (long)(await ScalarAsync(conn, NextNumberSql, ct))!;
            var reference = CaseReference.Format(now.Year, number);
            var customerId = Guid.CreateVersion7(now);
            var caseId = Guid.CreateVersion7(now);
            var due = now.AddHours(TargetHours[severity]);
            await ExecAsync(conn, CustomerSql, ct, ("id", customerId), ("now", now), ("email", Field("CustomerEmail")), ("name", customerName),
                ("phone", Field("CustomerPhone")), ("tier", Field("CustomerTier") ?? "Standard"));
            await ExecAsync(conn, CaseSql, ct, ("id", caseId), ("category", category), ("channel", channel.ToString()), ("currency", value is null ? null : "EUR"),
                ("expected", Field("CustomerExpected")), ("customerId", customerId), ("wants", Field("CustomerWants")), ("now", now),
                ("actorId", actorId), ("actorName", actorName), ("ownerId", assignToMe ? actorId : null), ("ownerName", assignToMe ? actorName : null),
                ("reference", reference), ("severity", severity.ToString()), ("atRisk", now.AddHours(TargetHours[severity] * 0.8)), ("due", due),
                ("value", value), ("happened", happened));
            await ExecAsync(conn, TimelineSql, ct, ("id", Guid.CreateVersion7(now)), ("actorId", actorId), ("actorName", actorName), ("now", now),
                ("caseId", caseId), ("details", $"{severity} via {channel}"), ("requestId", requestId));
            await tx.CommitAsync(ct);
            return Results.Redirect($"/cases/{reference}");
        }).RequireAuthorization();
        return e;
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(conn, sql, parameters);
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var cmd = Command(conn, sql, parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
#endif
