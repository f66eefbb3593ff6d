using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Queue;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Queue;

/// <summary>
/// The queue's SQL, as EF Core writes it, is answered from the queue's partial indexes: no table scan, the rows already
/// in the view's order (no sort step, so a deep page costs what the first does), and the open-case predicate written
/// exactly as the indexes say it, so PostgreSQL does not re-check each row's stage. The figures at a million cases are
/// in docs/benchmarks.md; this keeps the shape from regressing.
/// </summary>
public sealed partial class QueuePlanTests(WebFixture fixture) : WebTest(fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly Actor Supervisor = new(Guid.NewGuid(), "Sam Supervisor", StaffRole.Supervisor);

    public static TheoryData<string, string> Views => new()
    {
        { "", "ix_queue_sla" },
        { "sort=Age", "ix_queue_age" },
        { "sort=Severity", "ix_queue_severity" },
        { "sort=Sla;after", "ix_queue_sla" },
        { "sort=Age;after", "ix_queue_age" },
        { "sort=Severity;after", "ix_queue_severity" },
        { "owner", "ix_queue_owner_sla" },
        { "owner;severity=Critical;sla=Breached", "ix_queue_owner_severity_sla" },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Each_view_reads_its_rows_in_order_from_its_index(string view, string index)
    {
        var v = new QueueView
        {
            Sort = view.Contains("sort=Age", StringComparison.Ordinal) ? QueueSort.Age
                : view.Contains("sort=Severity", StringComparison.Ordinal) ? QueueSort.Severity : QueueSort.Sla,
            Owner = view.Contains("owner", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : null,
            Severity = view.Contains("severity=Critical", StringComparison.Ordinal) ? Severity.Critical : null,
            Sla = view.Contains("sla=Breached", StringComparison.Ordinal) ? SlaFilter.Breached : SlaFilter.Any,
        };
        if (view.Contains("after", StringComparison.Ordinal))
        {
            var row = new QueueRow(Guid.NewGuid(), "SR-1", Guid.NewGuid(), "Quinn", Severity.Major, Stage.Logged, Channel.Email, "Noise", null, Now.AddDays(-1),
                Now.AddHours(2), Now.AddHours(1), null, Now.AddHours(2), 2);
            v = v with { After = QueueQuery.CursorAfter(row, v.Sort) };
        }

        await ThousandsOfCasesAsync();
        var plan = await PlanAsync(db => QueueQuery.Page(db, v, Supervisor, Now, 26).ToQueryString());

        Assert.True(plan.Contains($"Index Scan using {index} ", StringComparison.Ordinal), plan);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s*(->\s*)?(Incremental )?Sort\b", plan);
        Assert.DoesNotContain("Filter: ((stage)", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_counts_are_index_only_scans_of_the_counts_index()
    {
        await ThousandsOfCasesAsync();

        var perStage = await PlanAsync(db => QueueQuery.Filtered(db, new QueueView(), Supervisor, Now)
            .GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() }).ToQueryString());
        var perSla = await PlanAsync(db => QueueQuery.Filtered(db, new QueueView(), Supervisor, Now)
            .GroupBy(c => c.SlaDueAt <= Now ? "Breached" : c.WaitingSince != null ? "Paused" : "OnTrack")
            .Select(g => new { g.Key, Count = g.Count() }).ToQueryString());

        Assert.True(perStage.Contains("Index Only Scan using ix_queue_counts ", StringComparison.Ordinal), perStage);
        Assert.True(perSla.Contains("Index Only Scan using ix_queue_counts ", StringComparison.Ordinal), perSla);
    }

    [Fact]
    public async Task The_compiled_everyday_view_returns_exactly_what_the_general_query_returns()
    {
        var driver = new Cases.CaseDriver(Fixture);
        for (var i = 0; i < 5; i++)
        {
            await driver.LogAsync();
        }

        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var view = new QueueView();
        Assert.True(QueueQuery.IsEveryday(view, Supervisor));
        Assert.False(QueueQuery.IsEveryday(view with { Severity = Severity.Critical }, Supervisor));
        Assert.False(QueueQuery.IsEveryday(view, Supervisor with { Roles = StaffRole.Frontline }));

        var compiledFirst = await QueueQuery.RowsAsync(db, view, Supervisor, Now, 3, null, CancellationToken.None);
        var generalFirst = await QueueQuery.Page(db, view, Supervisor, Now, 3).ToListAsync();
        var next = view with { After = QueueQuery.CursorAfter(compiledFirst[^1], QueueSort.Sla) };
        var compiledNext = await QueueQuery.RowsAsync(db, next, Supervisor, Now, 3, null, CancellationToken.None);
        var generalNext = await QueueQuery.Page(db, next, Supervisor, Now, 3).ToListAsync();

        Assert.Equal(3, compiledFirst.Count);
        Assert.Equal(generalFirst, compiledFirst);
        Assert.Equal(2, compiledNext.Count);
        Assert.Equal(generalNext, compiledNext);
        Assert.Empty(compiledFirst.Select(r => r.Id).Intersect(compiledNext.Select(r => r.Id)));
    }

    /// <summary>
    /// A table with some thousands of open cases (copies of one) and fresh statistics, so that the planner prices the
    /// choice as it does at scale rather than for a near-empty table — and the same whatever earlier tests (or
    /// autovacuum after them) left in the statistics.
    /// </summary>
    private async Task ThousandsOfCasesAsync()
    {
        await new Cases.CaseDriver(Fixture).LogAsync();
        await Fixture.ExecuteSqlAsync("""
                DO $$
                DECLARE cols text;
                BEGIN
                  SELECT string_agg(quote_ident(column_name), ', ') INTO cols FROM information_schema.columns
                  WHERE table_name = 'recovery_cases' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'reference');
                  EXECUTE format('INSERT INTO recovery_cases (id, reference, %s) SELECT gen_random_uuid(), ''PLAN-'' || n, %s
                                  FROM recovery_cases, generate_series(1, 5000) AS n', cols, cols);
                END $$;
                """);
        await Fixture.ExecuteSqlAsync("VACUUM ANALYZE recovery_cases");
    }

    /// <summary>EXPLAIN of EF's SQL with its parameters inlined, table scans priced out so that a tiny table plans like a big one.</summary>
    private async Task<string> PlanAsync(Func<AppDbContext, string> sql)
    {
        string text;
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            text = sql(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        var parameters = ParameterLine().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var body = string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("-- @", StringComparison.Ordinal)));
        foreach (var (name, value) in parameters.OrderByDescending(p => p.Key.Length))
        {
            body = body.Replace("@" + name, "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'", StringComparison.Ordinal);
        }

        await using var conn = new NpgsqlConnection(Fixture.Database.ConnectionString);
        await conn.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off", conn))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + body, conn);
        await using var reader = await explain.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^-- @(\w+)='(.*?)'(?: \(.*\))?$", RegexOptions.Multiline)]
    private static partial Regex ParameterLine();
}
