using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Features.Insights;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Insights;

/// <summary>The roll-up (stored days + today live) gives exactly what a plain LINQ over the cases gives, on random cases.</summary>
public sealed class KpiRollupTests(WebFixture fixture) : WebTest(fixture)
{
    private static readonly string[] Categories = ["Noise", "Food and drink", "Billing"];

    private Guid[] CauseIds { get; set; } = [];

    private TimeZoneInfo Zone => Fixture.Services.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone;

    [Fact]
    public async Task The_roll_up_equals_a_direct_query_over_random_cases_for_random_periods_and_filters()
    {
        var random = new Random(20261130);
        var owners = new[]
        {
            (Id: await new CaseDriver(Fixture).UserIdAsync(CaseDriver.Frontline), Name: CaseDriver.FrontlineName),
            (Id: await new CaseDriver(Fixture).UserIdAsync(CaseDriver.Supervisor), Name: CaseDriver.SupervisorName),
        };
        var now = Fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await SeedRandomCasesAsync(random, owners, now, count: 300);
        // Survey answers on about two closed cases in three (CSAT, NPS after; NPS before on some), as the survey page leaves them.
        await Fixture.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
            UPDATE recovery_cases SET
                csat = CASE WHEN abs(hashtext(id::text)) % 3 = 0 THEN NULL ELSE 1 + abs(hashtext(id::text || 'c')) % 5 END,
                nps_after = CASE WHEN abs(hashtext(id::text)) % 4 = 0 THEN NULL ELSE abs(hashtext(id::text || 'a')) % 11 END,
                nps_before = CASE WHEN abs(hashtext(id::text)) % 2 = 0 THEN NULL ELSE abs(hashtext(id::text || 'b')) % 11 END,
                -- Some closed cases without the measures (as cases closed before the measures were recorded have):
                -- they are in no histogram bucket, and a day of only such cases still sums to numbers.
                first_response_business_minutes = CASE WHEN abs(hashtext(id::text || 'f')) % 8 = 0 THEN NULL ELSE first_response_business_minutes END,
                resolution_business_minutes = CASE WHEN abs(hashtext(id::text || 'f')) % 8 = 0 THEN NULL ELSE resolution_business_minutes END,
                -- A return recorded on about one closed case in three, 0–120 days after the close (retention counts 90).
                returned_on = CASE WHEN outcome = 'Withdrawn' OR abs(hashtext(id::text || 'r')) % 3 <> 0 THEN NULL
                    ELSE (closed_at AT TIME ZONE 'UTC')::date + abs(hashtext(id::text || 'd')) % 121 END
            WHERE closed_at IS NOT NULL
            """));

        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var days = await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
            Assert.NotEmpty(days);
        }

        var cases = await Fixture.QueryAsync(db => db.Cases.AsNoTracking().ToListAsync());
        var granted = await Fixture.QueryAsync(db => db.Ledger.AsNoTracking().Where(l => l.Kind == LedgerKind.Approved || l.Kind == LedgerKind.Adjusted)
            .GroupBy(l => l.CaseId).Select(g => new { g.Key, Sum = g.Sum(l => l.Amount) }).ToDictionaryAsync(x => x.Key, x => x.Sum));
        var surveyed = (await Fixture.QueryAsync(db => db.Database.SqlQueryRaw<Guid>("SELECT DISTINCT case_id AS \"Value\" FROM survey_invitations").ToListAsync())).ToHashSet();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

        var filters = new List<KpiFilter>
        {
            new(today.AddDays(-29), today),
            new(today.AddDays(-89), today),
            new(today.AddDays(-200), today.AddDays(-1)),
            new(today, today),
        };
        for (var i = 0; i < 8; i++)
        {
            var to = today.AddDays(-random.Next(0, 40));
            filters.Add(new(to.AddDays(-random.Next(0, 60)), to,
                random.Next(2) == 0 ? Categories[random.Next(Categories.Length)] : null,
                random.Next(3) == 0 ? Enum.GetValues<Severity>()[random.Next(4)] : null,
                random.Next(3) == 0 ? Enum.GetValues<Channel>()[random.Next(5)] : null,
                random.Next(3) switch { 0 => owners[random.Next(2)].Id.ToString(), 1 => "none", _ => null },
                random.Next(3) switch { 0 => CauseIds[random.Next(2)].ToString(), 1 => "none", _ => null }));
        }

        foreach (var filter in filters)
        {
            var answer = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, filter, today, Zone.Id, CancellationToken.None));
            AssertSame(Direct(cases, granted, surveyed, today, filter), answer.Total, $"total for {filter}");
            // Each of the three questions reads its own grain of the roll-up: every row of each equals the direct query
            // narrowed to that owner, root cause or week, and they add up to the same total.
            foreach (var (ownerId, _, totals) in answer.PerOwner)
            {
                AssertSame(Direct(cases, granted, surveyed, today, filter with { Owner = ownerId?.ToString() ?? "none" }), totals, $"owner {ownerId} for {filter}");
            }

            foreach (var (causeId, totals) in answer.PerCause)
            {
                AssertSame(Direct(cases, granted, surveyed, today, filter with { Cause = causeId?.ToString() ?? "none" }), totals, $"cause {causeId} for {filter}");
            }

            foreach (var (week, totals) in answer.PerWeek)
            {
                var weekFilter = filter with { From = week < filter.From ? filter.From : week, To = week.AddDays(6) > filter.To ? filter.To : week.AddDays(6) };
                AssertSame(Direct(cases, granted, surveyed, today, weekFilter), totals, $"week {week} for {filter}");
            }

            Assert.Equal(answer.Total.Count("opened"), answer.PerCause.Sum(o => o.Totals.Count("opened")));
            Assert.Equal(answer.Total.Count("closed"), answer.PerWeek.Sum(w => w.Totals.Count("closed")));
            Assert.Equal(
                cases.Where(c => (In(Day(c.OpenedAt), filter) || c.ClosedAt is { } at && In(Day(at), filter)) && Matches(c, filter)).Select(c => c.OwnerId).Distinct().Count(),
                answer.PerOwner.Count);
            // The exact nearest-rank median lies in the bucket the histogram names.
            var minutes = Resolved(cases, filter).Where(c => c.FirstResponseBusinessMinutes is not null).Select(c => c.FirstResponseBusinessMinutes!.Value).Order().ToList();
            if (minutes.Count > 0)
            {
                var exact = minutes[(int)Math.Ceiling(0.5 * minutes.Count) - 1];
                Assert.Equal(KpiBuckets.Of(exact), KpiBuckets.PercentileBucket(answer.Total.Histogram("fr"), 0.5));
            }
        }

        Assert.True(cases.Count(c => c.ClosedAt is not null) > 50, "the random cases should include many closed ones");
        Assert.True(cases.Count(c => c.Csat is not null && c.NpsBefore is not null) > 10, "the random cases should include survey answers");
        Assert.True(cases.Count(c => c.RootCauseId is not null) > 50, "the random cases should include root causes");
        var longAgo = cases.Where(c => c.Outcome == CaseOutcome.Recovered && Day(c.ClosedAt!.Value) <= today.AddDays(-90)).ToList();
        Assert.True(longAgo.Count > 5 && longAgo.Any(c => c.ReturnedOn is not null) && longAgo.Any(c => c.ReturnedOn is null),
            "the random cases should include recoveries closed 90+ days ago, with and without a return");
        Assert.True(cases.Count(c => c.ClosedAt is not null && c.Outcome != CaseOutcome.Withdrawn && c.FirstResponseBusinessMinutes is null) > 5,
            "the random cases should include resolved ones without the measures");
    }

    [Fact]
    public async Task A_refresh_picks_up_only_the_days_of_cases_changed_since_the_last_run_and_is_idempotent()
    {
        var driver = new CaseDriver(Fixture);
        await driver.LogAtAsync(Stage.Fixed);
        await using var scope = Fixture.Services.CreateAsyncScope();
        var rollup = scope.ServiceProvider.GetRequiredService<KpiRollup>();
        var first = await rollup.RefreshChangedAsync();
        var rows = await Fixture.QueryAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM kpi_daily").SingleAsync());

        Assert.Equal([driver.Today], first);
        Assert.Equal(KpiGrains.Stored.Count, rows); // one row per grain for the one case's day
        // Nothing changed since: only the overlap window is looked at again, and the same day gives the same row.
        await rollup.RefreshChangedAsync();
        await rollup.RefreshAsync([driver.Today, driver.Today.AddDays(-3)]);
        Assert.Equal(KpiGrains.Stored.Count, await Fixture.QueryAsync(db => db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM kpi_daily").SingleAsync()));
    }

    [Fact]
    public async Task A_later_purchase_of_the_same_customer_recomputes_the_day_their_recovery_closed()
    {
        var past = new PastRecoveries(Fixture);
        var customer = await past.CustomerAsync("Returning Guest");
        var closed = past.Now.AddDays(-95);
        await past.RecoveredAsync(customer, closed); // old enough for the retention figure
        var today = past.Day(past.Now);
        var period = new KpiFilter(today.AddDays(-120), today);
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
        }

        var before = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, period, today, Zone.Id, CancellationToken.None));
        Assert.Equal((1L, 0L), (before.Total.Count("retention_base"), before.Total.Count("retained")));
        await CasesLastChangedBeforeTheLastRollUpAsync();

        // The customer books again, 85 days after the close. Only the new case changed, yet the earlier recovery's
        // closing day is recomputed and now counts as retained.
        await past.PurchaseAsync(customer, past.Now.AddDays(-10));
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            var refreshed = await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
            Assert.Contains(past.Day(closed), refreshed);
        }

        var after = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, period, today, Zone.Id, CancellationToken.None));
        Assert.Equal((1L, 1L), (after.Total.Count("retention_base"), after.Total.Count("retained")));
    }

    [Fact]
    public async Task A_survey_link_taken_after_the_case_last_changed_still_counts_the_case_as_surveyed()
    {
        var past = new PastRecoveries(Fixture);
        var reference = await past.RecoveredAsync(await past.CustomerAsync("Phone Guest"), past.Now.AddDays(-3));
        var today = past.Day(past.Now);
        var period = new KpiFilter(today.AddDays(-10), today.AddDays(-1));
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
        }

        Assert.Equal(0L, (await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, period, today, Zone.Id, CancellationToken.None))).Total.Count("closed_surveyed"));
        await CasesLastChangedBeforeTheLastRollUpAsync();

        // Staff take a link for a phone call: the invitation is written, the case row is not.
        await Fixture.SendAsync(new Web.Features.Survey.CaseLink.Command { Reference = reference }, CaseDriver.Supervisor);
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            Assert.Contains(past.Day(past.Now.AddDays(-3)), await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync());
        }

        Assert.Equal(1L, (await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, period, today, Zone.Id, CancellationToken.None))).Total.Count("closed_surveyed"));
    }

    [Fact]
    public async Task The_roll_up_table_has_a_column_for_every_measure()
    {
        var columns = await Fixture.QueryAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'kpi_daily'").ToListAsync());

        Assert.All(KpiColumns.All, c => Assert.Contains(c.Name, columns));
    }

    /// <summary>Every case last changed an hour ago and the roll-up has run since (past its 5-minute overlap): a refresh now
    /// sees only what changes from here on.</summary>
    private Task CasesLastChangedBeforeTheLastRollUpAsync() => Fixture.ExecuteSqlAsync("""
        SET session_replication_role = replica;
        UPDATE recovery_cases SET changed_at = clock_timestamp() - interval '1 hour';
        UPDATE kpi_rollup_state SET changed_through = clock_timestamp() - interval '30 minutes';
        """);

    private static void AssertSame(Dictionary<string, decimal> expected, KpiTotals actual, string what)
    {
        foreach (var column in KpiColumns.All)
        {
            Assert.True(expected[column.Name] == actual[column.Name], $"{column.Name} of {what}: direct {expected[column.Name]}, roll-up {actual[column.Name]}");
        }
    }

    private IEnumerable<RecoveryCase> Resolved(List<RecoveryCase> cases, KpiFilter f) =>
        Closed(cases, f).Where(c => c.Outcome != CaseOutcome.Withdrawn);

    private IEnumerable<RecoveryCase> Closed(List<RecoveryCase> cases, KpiFilter f) =>
        cases.Where(c => c.ClosedAt is { } at && In(Day(at), f) && Matches(c, f));

    private DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    private static bool In(DateOnly day, KpiFilter f) => day >= f.From && day <= f.To;

    private static bool Matches(RecoveryCase c, KpiFilter f) =>
        (f.Category is null || c.Category == f.Category) && (f.Severity is null || c.Severity == f.Severity)
        && (f.Channel is null || c.Channel == f.Channel)
        && (f.Owner is null || (f.Unassigned ? c.OwnerId is null : c.OwnerId == f.OwnerId))
        && (f.Cause is null || (f.Unclassified ? c.RootCauseId is null : c.RootCauseId == f.CauseId));

    /// <summary>Every roll-up column, straight from its definition.</summary>
    private Dictionary<string, decimal> Direct(List<RecoveryCase> cases, Dictionary<Guid, decimal> granted, HashSet<Guid> surveyed, DateOnly today, KpiFilter f)
    {
        var opened = cases.Where(c => In(Day(c.OpenedAt), f) && Matches(c, f)).ToList();
        var closed = Closed(cases, f).ToList();
        var resolved = closed.Where(c => c.Outcome != CaseOutcome.Withdrawn).ToList();
        var d = new Dictionary<string, decimal>
        {
            ["opened"] = opened.Count,
            ["opened_with_owner"] = opened.Count(c => c.OwnerId is not null),
            ["opened_repeat"] = opened.Count(c => cases.Any(p => p.Id != c.Id && p.CustomerId == c.CustomerId && p.Category == c.Category
                && p.OpenedAt <= c.OpenedAt && p.OpenedAt >= c.OpenedAt.AddDays(-30))),
            ["opened_web"] = opened.Count(c => c.Channel == Channel.Web),
            ["closed"] = closed.Count,
            ["closed_recovered"] = closed.Count(c => c.Outcome == CaseOutcome.Recovered),
            ["closed_unsatisfied"] = closed.Count(c => c.Outcome == CaseOutcome.Unsatisfied),
            ["closed_unreachable"] = closed.Count(c => c.Outcome == CaseOutcome.Unreachable),
            ["closed_withdrawn"] = closed.Count(c => c.Outcome == CaseOutcome.Withdrawn),
            ["closed_resolved"] = resolved.Count,
            ["first_contact"] = resolved.Count(c => c.FirstFixAtFirstContact == true && c.ReopenCount == 0),
            ["reopened"] = resolved.Count(c => c.ReopenCount > 0),
            ["fr_measured"] = resolved.Count(c => c.FirstResponseBusinessMinutes is not null),
            ["fr_met"] = resolved.Count(c => c.FirstResponseMetSla == true),
            ["res_measured"] = resolved.Count(c => c.ResolutionBusinessMinutes is not null),
            ["res_met"] = resolved.Count(c => c.ResolutionMetSla == true),
            ["compensation_recovered"] = closed.Where(c => c.Outcome == CaseOutcome.Recovered).Sum(c => granted.GetValueOrDefault(c.Id)),
            ["csat_answered"] = resolved.Count(c => c.Csat is not null),
            ["csat_sum"] = resolved.Sum(c => c.Csat ?? 0),
            ["nps_answered"] = resolved.Count(c => c.NpsAfter is not null),
            ["nps_promoters"] = resolved.Count(c => c.NpsAfter >= 9),
            ["nps_detractors"] = resolved.Count(c => c.NpsAfter <= 6),
            ["nps_both"] = resolved.Count(c => c.NpsBefore is not null && c.NpsAfter is not null),
            ["nps_both_before_promoters"] = resolved.Count(c => c.NpsAfter is not null && c.NpsBefore >= 9),
            ["nps_both_before_detractors"] = resolved.Count(c => c.NpsAfter is not null && c.NpsBefore <= 6),
            ["nps_both_after_promoters"] = resolved.Count(c => c.NpsBefore is not null && c.NpsAfter >= 9),
            ["nps_both_after_detractors"] = resolved.Count(c => c.NpsBefore is not null && c.NpsAfter <= 6),
            ["closed_surveyed"] = resolved.Count(c => surveyed.Contains(c.Id)),
            ["closed_with_cause"] = resolved.Count(c => c.RootCauseId is not null),
        };
        // Retention: recovered cases closed in the period and at least 90 days before today; retained when the customer
        // came back within 90 days of the close (a return recorded, or a later case of theirs with a transaction value).
        var matured = closed.Where(c => c.Outcome == CaseOutcome.Recovered && Day(c.ClosedAt!.Value) <= today.AddDays(-90)).ToList();
        d["closed_thanked"] = closed.Count(c => c.Outcome == CaseOutcome.Recovered && (c.Csat == 5 || c.NpsAfter >= 9));
        d["retention_base"] = matured.Count;
        d["retained"] = matured.Count(c => c.ReturnedOn <= Day(c.ClosedAt!.Value).AddDays(90)
            || cases.Any(n => n.CustomerId == c.CustomerId && n.Id != c.Id && n.TransactionValue is not null && n.OpenedAt > c.ClosedAt && n.OpenedAt <= c.ClosedAt!.Value.AddDays(90)));
        for (var i = 1; i <= 5; i++)
        {
            d["csat_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = resolved.Count(c => c.Csat == i);
        }

        for (var i = 0; i < KpiBuckets.Count; i++)
        {
            d[KpiBuckets.Column("fr", i)] = resolved.Count(c => c.FirstResponseBusinessMinutes is { } m && KpiBuckets.Of(m) == i);
            d[KpiBuckets.Column("res", i)] = resolved.Count(c => c.ResolutionBusinessMinutes is { } m && KpiBuckets.Of(m) == i);
        }

        return d;
    }

    private static Domain.Compensation.Empowerment Power(decimal limit) =>
        new(limit, "EUR", Domain.Compensation.CustomerCompensation.None, new Domain.Compensation.AbusePolicy(1000, 90, 1_000_000m));

    /// <summary>Cases played through the domain with random steps and gaps over the last 120 days (some still open, some today).</summary>
    private async Task SeedRandomCasesAsync(Random random, (Guid Id, string Name)[] owners, DateTimeOffset now, int count)
    {
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        var policy = await scope.ServiceProvider.GetRequiredService<SlaPolicies>().GetAsync();
        var boss = new Actor(owners[1].Id, owners[1].Name, StaffRole.Supervisor);
        var group = new Web.Data.RootCauseGroup("Random causes", 1);
        db.RootCauseGroups.Add(group);
        var causes = new[] { new Web.Data.RootCause(group.Id, "Cause one", 1, null), new Web.Data.RootCause(group.Id, "Cause two", 2, null) };
        db.RootCauses.AddRange(causes);
        await db.SaveChangesAsync();
        CauseIds = [.. causes.Select(c => c.Id)];
        var leaves = causes.Select(c => c.ToLeaf(group.Name)).ToArray();
        var customers = Enumerable.Range(0, 40).Select(i => Customer.Create($"Random Customer {i}", null, "+44 20 7946 " + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture), CustomerTier.Standard, now.AddDays(-200))).ToList();
        db.Customers.AddRange(customers);
        for (var i = 0; i < count; i++)
        {
            var at = now.AddMinutes(-random.Next(0, 120 * 24 * 60));
            ActionContext Ctx() => new(boss, TimeZoneInfo.ConvertTime(at, Zone), null, policy);
            var owner = random.Next(4) == 0 ? ((Guid Id, string Name)?)null : owners[random.Next(2)];
            var c = RecoveryCase.Log(CaseReference.Format(now.Year, 900000 + i), customers[random.Next(customers.Count)].Id, Enum.GetValues<Channel>()[random.Next(5)],
                Categories[random.Next(Categories.Length)], Enum.GetValues<Severity>()[random.Next(4)], null, "Random complaint", null, random.Next(2) == 0 ? 120m : null,
                "EUR", owner?.Id, owner?.Name, Ctx());
            db.Cases.Add(c);
            bool Step(double maxHours)
            {
                at = at.AddMinutes(random.NextDouble() * maxHours * 60);
                return at < now;
            }

            if (random.Next(10) == 0)
            {
                if (Step(48)) c.Withdraw(WithdrawReason.Duplicate, "Duplicate", Ctx());
                continue;
            }

            if (!Step(30)) continue;
            c.Apologize("Sorry", [], Ctx());
            if (random.Next(3) == 0 && Step(10))
            {
                c.WaitForCustomer("Photos", Ctx());
                if (!Step(72)) continue;
                c.CustomerAnswered(Ctx());
            }

            if (!Step(12)) continue;
            c.Listen("Upset", null, Ctx());
            c.ClassifyRootCause(leaves[random.Next(leaves.Length)], null, null, Ctx());
            for (var round = 0; round < 3; round++)
            {
                if (!Step(round == 0 ? 150 : 24)) break;
                if (c.Stage != Stage.Listened) break;
                c.Fix("Done", random.Next(2) == 0, Ctx());
                if (round == 0)
                {
                    if (!Step(4)) break;
                    if (random.Next(2) == 0)
                        c.RecordAtonement(GestureType.ApologyOnly, null, null, "Sorry", Power(0m), Ctx());
                    else
                        c.RecordAtonement(GestureType.Refund, 10m * random.Next(1, 5), "EUR", null, Power(500m), Ctx());
                }

                if (!Step(2)) break;
                c.ScheduleFollowUp(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime), Ctx());
                if (!Step(48)) break;
                var roll = random.Next(10);
                if (roll < 5)
                {
                    c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, Ctx());
                }
                else if (roll < 7 && round < 2)
                {
                    c.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, "Still bad", Ctx());
                    continue;
                }
                else if (roll < 8)
                {
                    c.CloseUnsatisfied("Will never be happy", Ctx());
                }
                else
                {
                    while (c.Stage == Stage.FollowUpDue && at < now)
                    {
                        var next = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime).AddDays(1);
                        c.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, null, Ctx(), next);
                        at = at.AddDays(1);
                    }
                }

                break;
            }
        }

        await db.SaveChangesAsync();
    }
}
