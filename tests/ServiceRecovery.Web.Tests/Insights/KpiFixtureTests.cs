using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Insights;
using ServiceRecovery.Web.Features.Queue;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Insights;

/// <summary>
/// Every KPI of March 2026 (Europe/London) against answers worked out by hand from thirteen cases played through the
/// domain with fixed instants (24×7 SLA: Moderate 8 h / 120 h): a pause, a reopen, the clocks going forward on
/// 29 March, cases opened before or closed after the period, and one opened at 00:30 BST on 1 April (23:30 UTC on 31 March).
/// </summary>
public sealed class KpiFixtureTests(WebFixture fixture) : WebTest(fixture)
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default;

    private static DateTimeOffset Utc(int month, int day, double hour) => new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.Zero).AddHours(hour);

    [Fact]
    public async Task Every_figure_of_the_period_matches_the_hand_computed_answer()
    {
        await SeedAsync();
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
        }

        var march = new KpiFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var answer = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, march, new DateOnly(2026, 11, 30), "Europe/London", CancellationToken.None));
        var t = answer.Total;

        Assert.Equal(11, t.Count("opened")); // A–H, J, K, L (I opened in February, M on 1 April local time)
        Assert.Equal(10, t.Count("opened_with_owner")); // K is unassigned
        Assert.Equal(1, t.Count("opened_repeat")); // L: same customer and category as A, 23 days later
        Assert.Equal(9, t.Count("closed")); // A–I (J closes in April)
        Assert.Equal(6, t.Count("closed_recovered")); // A, B, C, D, H, I
        Assert.Equal(1, t.Count("closed_unsatisfied")); // E
        Assert.Equal(1, t.Count("closed_unreachable")); // F
        Assert.Equal(1, t.Count("closed_withdrawn")); // G
        Assert.Equal(8, t.Count("closed_resolved"));
        Assert.Equal(2, t.Count("first_contact")); // A and H (D was fixed at first contact but reopened)
        Assert.Equal(1, t.Count("reopened")); // D
        Assert.Equal(8, t.Count("fr_measured"));
        Assert.Equal(6, t.Count("fr_met")); // B (540 min) and E (600 min) missed the 8 h target
        Assert.Equal(8, t.Count("res_measured"));
        Assert.Equal(7, t.Count("res_met")); // E (7,800 min) missed 120 h
        Assert.Equal(100m, t["compensation_recovered"]); // B 40 + C 60

        var figures = KpiFigures.For(t, march, CultureInfo.InvariantCulture, KpiQuery.MaturedThrough(new DateOnly(2026, 11, 30))).ToDictionary(f => f.Key);
        // First responses: 30, 60, 60, 120, 180 (H: 3 real hours across the DST change), 240, 540, 600.
        Assert.Equal("1.5 h – 2 h", figures["first_response_median"].Value); // 4th of 8 = 120
        Assert.Equal("8 h – 12 h", figures["first_response_p90"].Value); // 8th = 600
        // First fixes: 120, 240, 300, 360 (C: 30 h minus 24 h waiting), 480, 660, 1,800, 7,800.
        Assert.Equal("4 h – 6 h", figures["resolution_median"].Value); // 4th = 360
        Assert.Equal("5 d – 7 d", figures["resolution_p90"].Value); // 8th = 7,800
        Assert.Equal("75 %", figures["first_response_sla"].Value);
        Assert.Equal("25 %", figures["first_contact_resolution"].Value);
        Assert.Equal("16.67", figures["compensation_per_recovery"].Value);
        Assert.Equal("67 %", figures["recovered"].Value);
        Assert.Equal("9 %", figures["repeat_rate"].Value);

        // Surveys on March's resolved cases: A 5/10 (before 3), B 4/9, C 2/3 (before 7), E 1/0 (before 9), H –/9 (before 9).
        Assert.Equal(4, t.Count("csat_answered")); // A, B, C, E
        Assert.Equal(12m, t["csat_sum"]); // 5 + 4 + 2 + 1
        Assert.Equal([1L, 1, 0, 1, 1], Enumerable.Range(1, 5).Select(i => t.Count("csat_" + i.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal("3.0 / 5", figures["csat"].Value); // 12 ÷ 4
        Assert.Equal(5, t.Count("nps_answered")); // A, B, C, E, H
        Assert.Equal(3, t.Count("nps_promoters")); // A 10, B 9, H 9
        Assert.Equal(2, t.Count("nps_detractors")); // C 3, E 0
        Assert.Equal("+20", figures["nps"].Value); // (3 − 2) ÷ 5 × 100
        Assert.Equal(4, t.Count("nps_both")); // A, C, E, H
        Assert.Equal("+25", figures["nps_before"].Value); // before: promoters E 9, H 9; detractor A 3 → (2 − 1) ÷ 4 × 100
        Assert.Equal("0", figures["nps_after"].Value); // after: promoters A 10, H 9; detractors C 3, E 0 → (2 − 2) ÷ 4 × 100
        Assert.Equal(0, t.Count("closed_surveyed")); // no survey link was issued in this fixture
        Assert.Equal(8, t.Count("closed_with_cause")); // every resolved case has its root cause (the domain requires it)
        // Per root cause: Noise A, B, C (recovered, 40 + 60 granted); Housekeeping D, E, F, H, I (D, H, I recovered, nothing granted).
        var perCause = answer.PerCause.ToDictionary(x => x.CauseId ?? Guid.Empty, x => x.Totals);
        Assert.Equal(3, perCause[_noiseId].Count("closed_recovered"));
        Assert.Equal(100m, perCause[_noiseId]["compensation_recovered"]);
        Assert.Equal(5, perCause[_housekeepingId].Count("closed_resolved"));
        Assert.Equal(0m, perCause[_housekeepingId]["compensation_recovered"]);
        // The root-cause filter: only the Noise cases.
        var noiseOnly = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, march with { Cause = _noiseId.ToString() }, new DateOnly(2026, 11, 30), "Europe/London", CancellationToken.None));
        Assert.Equal(3, noiseOnly.Total.Count("closed"));
        Assert.Equal(3, noiseOnly.Total.Count("opened")); // A, B, C
        var unclassified = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, march with { Cause = "none" }, new DateOnly(2026, 11, 30), "Europe/London", CancellationToken.None));
        Assert.Equal(3, unclassified.Total.Count("opened")); // G (withdrawn before a cause), K, L
        Assert.Equal(1, unclassified.Total.Count("closed")); // G
        // Thanked recoveries: recovered with CSAT 5 or NPS ≥ 9: A, B, H (E was unsatisfied, G withdrawn, J closed in April).
        Assert.Equal(3, t.Count("closed_thanked"));
        Assert.Equal(3, Assert.Single(Recognition.PerOwnerOf(answer)).Count);
        var thankedCases = await Fixture.QueryAsync(db => Recognition.CasesAsync(db, Utc(3, 1, 0), Utc(4, 1, 0), null, "Europe/London", CancellationToken.None));
        Assert.Equal(["Case A", "Case B", "Case H"], await Fixture.QueryAsync(db => db.Cases.Where(c => thankedCases.Select(x => x.Id).Contains(c.Id)).Select(c => c.WhatHappened).OrderBy(w => w).ToListAsync()));

        // Retention after recovery: recovered A, B, C, D, H, I; A came back on 1 June (89 days after closing on 4 March),
        // B on 5 June (91 days: too late), C's customer opened a case with a transaction value on 20 April, H came back
        // on 29 June (exactly 90 days after 31 March); I's customer bought before I closed, E (unsatisfied) is not a recovery.
        Assert.Equal(6, t.Count("retention_base"));
        Assert.Equal(3, t.Count("retained")); // A, C, H
        Assert.Equal("50 %", figures["retention"].Value);
        Assert.Equal(new DateOnly(2026, 3, 31), figures["retention"].Link!.ClosedTo);
        // Seen on 15 June, only the recoveries closed by 17 March count (90 days back): A, B, C, D, I; A and C came back.
        var june = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, march, new DateOnly(2026, 6, 15), "Europe/London", CancellationToken.None));
        Assert.Equal((5L, 2L), (june.Total.Count("retention_base"), june.Total.Count("retained")));
        var juneFigure = KpiFigures.For(june.Total, march, CultureInfo.InvariantCulture, KpiQuery.MaturedThrough(new DateOnly(2026, 6, 15))).Single(x => x.Key == "retention");
        Assert.Equal(new DateOnly(2026, 3, 17), juneFigure.Link!.ClosedTo);
        // Seen on 1 May, no March recovery is 90 days old yet: no figure, and it says why.
        var may = await Fixture.QueryAsync(db => KpiQuery.RunAsync(db, march, new DateOnly(2026, 5, 1), "Europe/London", CancellationToken.None));
        var mayFigure = KpiFigures.For(may.Total, march, CultureInfo.InvariantCulture, KpiQuery.MaturedThrough(new DateOnly(2026, 5, 1))).Single(x => x.Key == "retention");
        Assert.Equal(("—", (QueueView?)null), (mayFigure.Value, mayFigure.Link));
        Assert.Contains("Too early", mayFigure.Definition, StringComparison.Ordinal);

        // The weeks (Mondays) of the period: 2, 9, 16, 23 and 30 March, plus 23 February for nothing opened.
        Assert.Equal(9, answer.PerWeek.Sum(w => w.Totals.Count("closed")));
        Assert.Equal(2, answer.PerWeek.Single(w => w.Week == new DateOnly(2026, 3, 23)).Totals.Count("opened")); // L, and H (Saturday 28th, 23:00 GMT)
    }

    private Guid _noiseId;
    private Guid _housekeepingId;

    private async Task SeedAsync()
    {
        var franId = await new CaseDriver(Fixture).UserIdAsync(CaseDriver.Frontline);
        var samId = await new CaseDriver(Fixture).UserIdAsync(CaseDriver.Supervisor);
        var sam = new Actor(samId, CaseDriver.SupervisorName, StaffRole.Supervisor);
        await using var scope = Fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var power = new Domain.Compensation.Empowerment(500m, "EUR", Domain.Compensation.CustomerCompensation.None, new Domain.Compensation.AbusePolicy(1000, 90, 1_000_000m));
        var n = 0;
        var customers = new Dictionary<string, Customer>();
        // Two root causes (recorded before closing, as the domain requires): Noise for A, B and C; Housekeeping for the others.
        var group = new Data.RootCauseGroup("Building", 1);
        db.RootCauseGroups.Add(group);
        var noise = new Data.RootCause(group.Id, "Noise", 1, franId);
        var housekeeping = new Data.RootCause(group.Id, "Housekeeping", 2, null);
        db.RootCauses.AddRange(noise, housekeeping);
        await db.SaveChangesAsync();
        (_noiseId, _housekeepingId) = (noise.Id, housekeeping.Id);
        var noiseLeaf = noise.ToLeaf(group.Name);
        var housekeepingLeaf = housekeeping.ToLeaf(group.Name);
        ActionContext At(DateTimeOffset at) => new(sam, at, null, Policy);
        RecoveryCase Open(string name, DateTimeOffset at, bool owned = true, string customer = "")
        {
            var key = customer.Length > 0 ? customer : name;
            if (!customers.TryGetValue(key, out var cu))
            {
                cu = customers[key] = Customer.Create("Customer " + key, null, "+44 20 7946 55" + customers.Count.ToString("00", CultureInfo.InvariantCulture), CustomerTier.Standard, Utc(1, 1, 0));
                db.Customers.Add(cu);
            }

            var c = RecoveryCase.Log(CaseReference.Format(2026, 700000 + ++n), cu.Id, Channel.Phone, "Noise", Severity.Moderate, null, "Case " + name, null, null, null,
                owned ? franId : null, owned ? CaseDriver.FrontlineName : null, At(at));
            db.Cases.Add(c);
            return c;
        }

        void Walk(RecoveryCase c, DateTimeOffset opened, double apologyH, double fixH, bool firstContact, decimal? gesture = null, RootCauseLeaf? cause = null)
        {
            c.ClassifyRootCause(cause ?? housekeepingLeaf, null, null, At(opened));
            c.Apologize("Sorry", [], At(opened.AddHours(apologyH)));
            c.Listen("Upset", null, At(opened.AddHours(apologyH)));
            c.Fix("Fixed", firstContact, At(opened.AddHours(fixH)));
            if (gesture is { } g) c.RecordAtonement(GestureType.Refund, g, "EUR", null, power, At(opened.AddHours(fixH)));
            else c.RecordAtonement(GestureType.ApologyOnly, null, null, "Sorry", power, At(opened.AddHours(fixH)));
        }

        void Follow(RecoveryCase c, DateTimeOffset on, FollowUpOutcome outcome = FollowUpOutcome.Satisfied)
        {
            c.ScheduleFollowUp(DateOnly.FromDateTime(on.UtcDateTime), At(on.AddHours(-1)));
            c.RecordFollowUpOutcome(outcome, outcome == FollowUpOutcome.NotSatisfied ? "Still bad" : null, At(on));
        }

        var a = Open("A", Utc(3, 2, 10)); Walk(a, Utc(3, 2, 10), 1, 5, firstContact: true, cause: noiseLeaf); Follow(a, Utc(3, 4, 12));
        var b = Open("B", Utc(3, 3, 10)); Walk(b, Utc(3, 3, 10), 9, 30, false, 40m, noiseLeaf); Follow(b, Utc(3, 6, 12));
        var c = Open("C", Utc(3, 5, 9));
        c.ClassifyRootCause(noiseLeaf, null, null, At(Utc(3, 5, 9)));
        c.Apologize("Sorry", [], At(Utc(3, 5, 11)));
        c.Listen("Upset", null, At(Utc(3, 5, 11)));
        c.WaitForCustomer("Photos", At(Utc(3, 5, 12)));
        c.CustomerAnswered(At(Utc(3, 6, 12)));
        c.Fix("Fixed", false, At(Utc(3, 6, 15)));
        c.RecordAtonement(GestureType.Refund, 60m, "EUR", null, power, At(Utc(3, 6, 15)));
        Follow(c, Utc(3, 8, 12));
        var d = Open("D", Utc(3, 10, 9)); Walk(d, Utc(3, 10, 9), 0.5, 4, firstContact: true); Follow(d, Utc(3, 12, 10), FollowUpOutcome.NotSatisfied);
        d.Fix("Fixed again", false, At(Utc(3, 12, 15))); Follow(d, Utc(3, 14, 10));
        var e = Open("E", Utc(3, 15, 9)); Walk(e, Utc(3, 15, 9), 10, 130, false);
        e.ScheduleFollowUp(new DateOnly(2026, 3, 22), At(Utc(3, 21, 9))); e.CloseUnsatisfied("Never happy", At(Utc(3, 22, 10)));
        var f = Open("F", Utc(3, 16, 12)); Walk(f, Utc(3, 16, 12), 4, 8, false);
        f.ScheduleFollowUp(new DateOnly(2026, 3, 17), At(Utc(3, 16, 21)));
        f.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, null, At(Utc(3, 17, 10)), new DateOnly(2026, 3, 18));
        f.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, null, At(Utc(3, 18, 10)), new DateOnly(2026, 3, 19));
        f.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, null, At(Utc(3, 19, 10)));
        var g = Open("G", Utc(3, 18, 9)); g.Withdraw(WithdrawReason.Duplicate, "Twice", At(Utc(3, 18, 11)));
        var h = Open("H", Utc(3, 28, 23)); Walk(h, Utc(3, 28, 23), 3, 11, firstContact: true); Follow(h, Utc(3, 31, 9));
        var i = Open("I", Utc(2, 25, 10)); Walk(i, Utc(2, 25, 10), 1, 2, false); Follow(i, Utc(3, 3, 10));
        var j = Open("J", Utc(3, 30, 10)); Walk(j, Utc(3, 30, 10), 1, 2, false); Follow(j, Utc(4, 2, 10));
        Open("K", Utc(3, 20, 10), owned: false);
        var l = Open("L", Utc(3, 25, 10), customer: "A"); l.Apologize("Sorry", [], At(Utc(3, 25, 11)));
        Open("M", Utc(3, 31, 23.5));
        // Retention: returns recorded on the cases, and later purchases (cases with a transaction value) of the same customers.
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        a.RecordReturn(new DateOnly(2026, 6, 1), 120m, "EUR", london, At(Utc(7, 1, 12)));
        b.RecordReturn(new DateOnly(2026, 6, 5), null, "EUR", london, At(Utc(7, 1, 12)));
        h.RecordReturn(new DateOnly(2026, 6, 29), null, "EUR", london, At(Utc(7, 1, 12)));
        e.RecordReturn(new DateOnly(2026, 4, 1), null, "EUR", london, At(Utc(7, 1, 12)));
        RecoveryCase Purchase(string customer, DateTimeOffset at)
        {
            var later = RecoveryCase.Log(CaseReference.Format(2026, 700000 + ++n), customers[customer].Id, Channel.Phone, "Noise", Severity.Minor, null,
                "Later stay", null, 300m, "EUR", franId, CaseDriver.FrontlineName, At(at));
            db.Cases.Add(later);
            return later;
        }

        Purchase("C", Utc(4, 20, 10));
        Purchase("I", Utc(2, 27, 10));
        await db.SaveChangesAsync();

        // Survey answers (CSAT 1–5, NPS after 0–10, NPS before 0–10 asked at intake), written as the survey page leaves them.
        async Task Survey(RecoveryCase rc, int? csat, int? after, int? before) => await db.Database.ExecuteSqlRawAsync(
            "UPDATE recovery_cases SET csat = {0}, nps_after = {1}, nps_before = {2}, survey_answered_at = closed_at WHERE id = {3}", csat!, after!, before!, rc.Id);
        await Survey(a, 5, 10, 3);
        await Survey(b, 4, 9, null);
        await Survey(c, 2, 3, 7);
        await Survey(e, 1, 0, 9);
        await Survey(h, null, 9, 9);
        await Survey(g, 5, 10, 10); // withdrawn: not counted
        await Survey(j, 5, 10, 0); // closed in April: not counted

        Assert.Equal(180, h.FirstResponseBusinessMinutes); // 23:00 GMT → 03:00 BST is three real hours
        Assert.Equal(360, c.ResolutionBusinessMinutes);
    }
}
