using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Sla;
using static ServiceRecovery.Domain.Tests.Sla.SlaTestTime;

namespace ServiceRecovery.Domain.Tests.Sla;

public class SlaCalculatorTests
{
    private static DateTimeOffset Opened { get; } = Utc(2025, 6, 2, 8); // a Monday
    private static SlaPolicy AroundTheClock { get; } = SlaPolicy.Default;
    private static SlaPolicy InOfficeHours { get; } = SlaPolicy.Default with { Calendar = OfficeHours };

    [Theory]
    [InlineData(Severity.Critical, 1, 24)]
    [InlineData(Severity.Major, 4, 72)]
    [InlineData(Severity.Moderate, 8, 120)]
    [InlineData(Severity.Minor, 24, 168)]
    public void Around_the_clock_a_new_case_is_due_its_targets_after_the_opening(
        Severity severity, int firstResponseHours, int resolutionHours)
    {
        var sla = Evaluate(AroundTheClock, severity, now: Opened.AddMinutes(1));

        Assert.Equal(Opened.AddHours(firstResponseHours), sla.FirstResponse.DueAt);
        Assert.Equal(Opened.AddHours(resolutionHours), sla.Resolution.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(1), sla.FirstResponse.Elapsed);
        Assert.Equal(TimeSpan.FromHours(firstResponseHours) - TimeSpan.FromMinutes(1), sla.FirstResponse.Remaining);
        Assert.Equal(SlaState.OnTrack, sla.State);
        Assert.Equal(sla.FirstResponse.DueAt, sla.NextDueAt);
    }

    [Fact]
    public void A_case_is_on_track_just_under_80_percent_at_risk_at_exactly_80_percent_and_breached_at_100_percent()
    {
        // Critical: first response within 1 hour; 80 % = 48 minutes.
        var justUnder = Evaluate(AroundTheClock, Severity.Critical, now: Opened.AddMinutes(48).AddTicks(-1));
        var atRisk = Evaluate(AroundTheClock, Severity.Critical, now: Opened.AddMinutes(48));
        var lastMoment = Evaluate(AroundTheClock, Severity.Critical, now: Opened.AddHours(1).AddTicks(-1));
        var breached = Evaluate(AroundTheClock, Severity.Critical, now: Opened.AddHours(1));

        Assert.Equal(SlaState.OnTrack, justUnder.FirstResponse.State);
        Assert.Equal(SlaState.AtRisk, atRisk.FirstResponse.State);
        Assert.Equal(0.8, atRisk.FirstResponse.Fraction, precision: 12);
        Assert.Equal(SlaState.AtRisk, lastMoment.FirstResponse.State);
        Assert.Equal(SlaState.Breached, breached.FirstResponse.State);
        Assert.Equal(1.0, breached.FirstResponse.Fraction);
        Assert.Equal(TimeSpan.Zero, breached.FirstResponse.Remaining);
        Assert.Equal(SlaState.Breached, breached.State);
        Assert.Equal(SlaState.OnTrack, breached.Resolution.State);
    }

    [Fact]
    public void A_breached_case_shows_how_late_it_is_and_when_it_breached()
    {
        var sla = Evaluate(AroundTheClock, Severity.Critical, now: Opened.AddHours(3));

        Assert.Equal(SlaState.Breached, sla.FirstResponse.State);
        Assert.Equal(TimeSpan.FromHours(2), sla.FirstResponse.Overdue);
        Assert.Equal(Opened.AddHours(1), sla.FirstResponse.DueAt);
        Assert.Equal(Opened.AddHours(1), sla.NextDueAt); // most overdue sorts first
        Assert.Equal(3.0, sla.FirstResponse.Fraction);
    }

    [Fact]
    public void The_at_risk_share_comes_from_the_policy()
    {
        var policy = AroundTheClock with { AtRiskFraction = 0.5 };

        Assert.Equal(SlaState.AtRisk, Evaluate(policy, Severity.Critical, now: Opened.AddMinutes(30)).FirstResponse.State);
        Assert.Equal(SlaState.OnTrack, Evaluate(policy, Severity.Critical, now: Opened.AddMinutes(29)).FirstResponse.State);
    }

    [Fact]
    public void A_case_opened_on_Friday_at_16_30_with_a_one_hour_target_is_due_on_Monday_at_09_30()
    {
        var friday = InLondon(2025, 6, 13, 16, 30);

        var sla = Evaluate(InOfficeHours, Severity.Critical, opened: friday, now: InLondon(2025, 6, 14, 12));

        Assert.Equal(InLondon(2025, 6, 16, 9, 30), sla.FirstResponse.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(30), sla.FirstResponse.Elapsed);
        Assert.Equal(SlaState.OnTrack, sla.FirstResponse.State);
        Assert.Equal(InLondon(2025, 6, 16, 9, 30), SlaCalculator.FirstResponseDueAt(InOfficeHours, Severity.Critical, friday, []));
    }

    [Fact]
    public void A_case_opened_on_Saturday_starts_its_clock_on_Monday_at_nine()
    {
        var saturday = InLondon(2025, 6, 14, 10);

        var onMonday = Evaluate(InOfficeHours, Severity.Critical, opened: saturday, now: InLondon(2025, 6, 16, 9));
        var laterOnMonday = Evaluate(InOfficeHours, Severity.Critical, opened: saturday, now: InLondon(2025, 6, 16, 9, 50));

        Assert.Equal(TimeSpan.Zero, onMonday.FirstResponse.Elapsed);
        Assert.Equal(InLondon(2025, 6, 16, 10), onMonday.FirstResponse.DueAt);
        Assert.Equal(SlaState.AtRisk, laterOnMonday.FirstResponse.State);
    }

    [Fact]
    public void A_lunch_break_does_not_count_towards_the_targets()
    {
        var policy = SlaPolicy.Default with { Calendar = LunchBreakHours };
        var opened = InLondon(2025, 6, 16, 11); // Monday 11:00

        var sla = Evaluate(policy, Severity.Major, opened: opened, now: InLondon(2025, 6, 16, 13, 30));

        Assert.Equal(TimeSpan.FromMinutes(90), sla.FirstResponse.Elapsed);
        Assert.Equal(InLondon(2025, 6, 16, 16), sla.FirstResponse.DueAt); // 4 h: 11-12 and 13-16
    }

    [Fact]
    public void A_pause_in_the_middle_moves_the_due_time_by_the_paused_business_time()
    {
        var opened = InLondon(2025, 6, 16, 9); // Monday
        var pause = new SlaPause(InLondon(2025, 6, 16, 10), InLondon(2025, 6, 16, 12, 30));

        var sla = Evaluate(InOfficeHours, Severity.Major, opened: opened, pauses: [pause], now: InLondon(2025, 6, 16, 13));

        Assert.Equal(TimeSpan.FromMinutes(90), sla.FirstResponse.Elapsed);
        Assert.Equal(InLondon(2025, 6, 16, 15, 30), sla.FirstResponse.DueAt); // 13:00 without the pause
        Assert.Equal(SlaState.OnTrack, sla.FirstResponse.State);
    }

    [Fact]
    public void A_pause_over_the_weekend_only_subtracts_the_business_hours_it_covers()
    {
        var opened = InLondon(2025, 6, 13, 9); // Friday
        var pause = new SlaPause(InLondon(2025, 6, 13, 16), InLondon(2025, 6, 16, 10)); // Fri 16:00 - Mon 10:00
        var policy = InOfficeHours with { Minor = new SlaTargets(TimeSpan.FromHours(10), TimeSpan.FromHours(40)) };

        var sla = Evaluate(policy, Severity.Minor, opened: opened, pauses: [pause], now: InLondon(2025, 6, 16, 12));

        Assert.Equal(TimeSpan.FromHours(9), sla.FirstResponse.Elapsed); // 11 business hours, 2 of them paused
        Assert.Equal(InLondon(2025, 6, 16, 13), sla.FirstResponse.DueAt);
        Assert.Equal(SlaState.AtRisk, sla.FirstResponse.State);
    }

    [Fact]
    public void A_paused_case_does_not_breach_while_waiting_for_the_customer()
    {
        var waiting = new SlaPause(Opened.AddMinutes(30));

        var sla = Evaluate(AroundTheClock, Severity.Critical, pauses: [waiting], now: Opened.AddHours(5));

        Assert.Equal(SlaState.Paused, sla.FirstResponse.State);
        Assert.Equal(SlaState.Paused, sla.Resolution.State);
        Assert.Equal(SlaState.Paused, sla.State);
        Assert.Equal(TimeSpan.FromMinutes(30), sla.FirstResponse.Elapsed);
        Assert.Null(sla.FirstResponse.DueAt);
        Assert.Null(sla.Resolution.DueAt);
        Assert.Null(sla.NextDueAt);
        Assert.Null(SlaCalculator.FirstResponseDueAt(AroundTheClock, Severity.Critical, Opened, [waiting]));
        Assert.Null(SlaCalculator.ResolutionDueAt(AroundTheClock, Severity.Critical, Opened, [waiting]));
    }

    [Fact]
    public void A_pause_does_not_hide_a_breach_that_happened_before_it()
    {
        var waiting = new SlaPause(Opened.AddHours(2));

        var sla = Evaluate(AroundTheClock, Severity.Critical, pauses: [waiting], now: Opened.AddHours(5));

        Assert.Equal(SlaState.Breached, sla.FirstResponse.State);
        Assert.Equal(Opened.AddHours(1), sla.FirstResponse.DueAt);
        Assert.Equal(SlaState.Paused, sla.Resolution.State);
        Assert.Equal(SlaState.Breached, sla.State);
        Assert.Equal(Opened.AddHours(1), sla.NextDueAt);
    }

    [Fact]
    public void When_the_customer_answers_the_clock_resumes_where_it_stopped()
    {
        var answered = new SlaPause(Opened.AddMinutes(30), Opened.AddHours(2));

        var sla = Evaluate(AroundTheClock, Severity.Critical, pauses: [answered], now: Opened.AddHours(2).AddMinutes(10));

        Assert.Equal(TimeSpan.FromMinutes(40), sla.FirstResponse.Elapsed);
        Assert.Equal(Opened.AddHours(2).AddMinutes(30), sla.FirstResponse.DueAt);
        Assert.Equal(SlaState.OnTrack, sla.FirstResponse.State);
        Assert.Equal(Opened.AddHours(25).AddMinutes(30), sla.Resolution.DueAt);
        Assert.Equal(
            sla.FirstResponse.DueAt,
            SlaCalculator.FirstResponseDueAt(AroundTheClock, Severity.Critical, Opened, [answered]));
    }

    [Fact]
    public void A_pause_that_ends_after_now_is_still_a_pause_now()
    {
        var pause = new SlaPause(Opened.AddMinutes(10), Opened.AddHours(3));

        var sla = Evaluate(AroundTheClock, Severity.Critical, pauses: [pause], now: Opened.AddHours(2));

        Assert.Equal(SlaState.Paused, sla.FirstResponse.State);
        Assert.Null(sla.FirstResponse.DueAt);
    }

    [Fact]
    public void Overlapping_pauses_are_merged_not_subtracted_twice()
    {
        Assert.Equal(
            TimeSpan.FromMinutes(30),
            Evaluate(
                    AroundTheClock,
                    Severity.Critical,
                    pauses:
                    [
                        new SlaPause(Opened.AddMinutes(10), Opened.AddMinutes(40)),
                        new SlaPause(Opened.AddMinutes(20), Opened.AddMinutes(50)),
                        new SlaPause(Opened.AddMinutes(30), Opened.AddMinutes(35)),
                    ],
                    now: Opened.AddMinutes(70))
                .FirstResponse.Elapsed);
    }

    [Fact]
    public void An_apology_within_the_target_meets_the_first_response()
    {
        var sla = Evaluate(
            AroundTheClock, Severity.Critical, firstResponded: Opened.AddMinutes(50), now: Opened.AddHours(3));

        Assert.Equal(SlaState.Met, sla.FirstResponse.State);
        Assert.False(sla.FirstResponse.MetLate);
        Assert.Equal(TimeSpan.FromMinutes(50), sla.FirstResponse.Elapsed); // frozen when achieved
        Assert.Equal(Opened.AddHours(1), sla.FirstResponse.DueAt); // the deadline it beat
        Assert.Equal(SlaState.OnTrack, sla.State); // resolution still running
        Assert.Equal(Opened.AddHours(24), sla.NextDueAt);
    }

    [Fact]
    public void A_late_apology_is_kept_as_a_breach_but_no_longer_drives_the_case_state()
    {
        var sla = Evaluate(
            AroundTheClock, Severity.Critical, firstResponded: Opened.AddMinutes(70), now: Opened.AddHours(3));

        Assert.Equal(SlaState.Breached, sla.FirstResponse.State);
        Assert.True(sla.FirstResponse.MetLate);
        Assert.Equal(TimeSpan.FromMinutes(10), sla.FirstResponse.Overdue);
        Assert.Equal(SlaState.OnTrack, sla.State);
        Assert.Equal(Opened.AddHours(24), sla.NextDueAt);
    }

    [Fact]
    public void An_apology_at_the_very_instant_of_the_deadline_is_late()
    {
        var sla = Evaluate(AroundTheClock, Severity.Critical, firstResponded: Opened.AddHours(1), now: Opened.AddHours(2));

        Assert.Equal(SlaState.Breached, sla.FirstResponse.State);
    }

    [Fact]
    public void A_case_fixed_in_time_has_met_its_SLA_and_nothing_is_due()
    {
        var sla = Evaluate(
            AroundTheClock,
            Severity.Critical,
            firstResponded: Opened.AddMinutes(20),
            resolved: Opened.AddHours(20),
            now: Opened.AddDays(3));

        Assert.Equal(SlaState.Met, sla.Resolution.State);
        Assert.Equal(SlaState.Met, sla.State);
        Assert.Null(sla.NextDueAt);
        Assert.Null(SlaCalculator.NextDueAt(AroundTheClock, Severity.Critical, Opened, Opened.AddMinutes(20), Opened.AddHours(20), []));
    }

    [Fact]
    public void A_case_fixed_late_stays_breached_in_its_history()
    {
        var sla = Evaluate(
            AroundTheClock,
            Severity.Critical,
            firstResponded: Opened.AddMinutes(20),
            resolved: Opened.AddHours(30),
            now: Opened.AddDays(3));

        Assert.True(sla.Resolution.MetLate);
        Assert.Equal(TimeSpan.FromHours(6), sla.Resolution.Overdue);
        Assert.Equal(SlaState.Breached, sla.State);
        Assert.Null(sla.NextDueAt);
    }

    [Fact]
    public void A_fix_without_a_recorded_apology_also_counts_as_the_first_response()
    {
        var sla = Evaluate(AroundTheClock, Severity.Critical, resolved: Opened.AddMinutes(45), now: Opened.AddHours(3));

        Assert.Equal(SlaState.Met, sla.FirstResponse.State);
        Assert.Equal(Opened.AddMinutes(45), sla.FirstResponse.AchievedAt);
        Assert.Equal(SlaState.Met, sla.State);
    }

    [Fact]
    public void The_stored_due_time_follows_the_case_from_first_response_to_resolution()
    {
        Assert.Equal(
            Opened.AddHours(1),
            SlaCalculator.NextDueAt(AroundTheClock, Severity.Critical, Opened, null, null, []));
        Assert.Equal(
            Opened.AddHours(24),
            SlaCalculator.NextDueAt(AroundTheClock, Severity.Critical, Opened, Opened.AddMinutes(5), null, []));
        Assert.Null(
            SlaCalculator.NextDueAt(AroundTheClock, Severity.Critical, Opened, null, null, [new SlaPause(Opened.AddMinutes(5))]));
    }

    [Fact]
    public void Around_the_clock_a_day_target_opened_before_the_clocks_go_forward_is_due_24_real_hours_later()
    {
        var policy = SlaPolicy.Default with { Calendar = BusinessCalendar.AlwaysOpenIn(London) };
        var opened = InLondon(2025, 3, 30, 0, 30); // 00:30 GMT; at 01:00 the clocks jump to 02:00 BST

        var sla = Evaluate(policy, Severity.Critical, opened: opened, now: InLondon(2025, 3, 30, 12));

        var due = Assert.NotNull(sla.Resolution.DueAt);
        Assert.Equal(InLondon(2025, 3, 31, 1, 30), due);
        Assert.Equal(new DateTime(2025, 3, 31, 1, 30, 0), due.DateTime); // shown in London time
        Assert.Equal(TimeSpan.FromHours(10.5), sla.Resolution.Elapsed); // 00:30 GMT to 12:00 BST
    }

    [Fact]
    public void Around_the_clock_a_day_target_opened_before_the_clocks_go_back_is_due_24_real_hours_later()
    {
        var policy = SlaPolicy.Default with { Calendar = BusinessCalendar.AlwaysOpenIn(London) };
        var opened = InLondon(2025, 10, 26, 0, 30); // 00:30 BST; at 02:00 BST the clocks go back to 01:00 GMT

        var sla = Evaluate(policy, Severity.Critical, opened: opened, now: InLondon(2025, 10, 26, 12));

        var due = Assert.NotNull(sla.Resolution.DueAt);
        Assert.Equal(InLondon(2025, 10, 26, 23, 30), due);
        Assert.Equal(TimeSpan.FromHours(12.5), sla.Resolution.Elapsed); // 00:30 BST to 12:00 GMT
    }

    [Fact]
    public void The_same_policy_in_New_York_and_London_gives_different_due_times()
    {
        var fridayEvening = Utc(2025, 6, 13, 20); // closed in London (21:00), open in New York (16:00)
        var london = SlaPolicy.Default with { Calendar = OfficeHoursIn(London) };
        var newYork = SlaPolicy.Default with { Calendar = OfficeHoursIn(NewYork) };

        var dueInLondon = Evaluate(london, Severity.Critical, opened: fridayEvening, now: fridayEvening).FirstResponse.DueAt;
        var dueInNewYork = Evaluate(newYork, Severity.Critical, opened: fridayEvening, now: fridayEvening).FirstResponse.DueAt;

        Assert.Equal(InLondon(2025, 6, 16, 10), dueInLondon);
        Assert.Equal(At(NewYork, 2025, 6, 13, 17), dueInNewYork);
    }

    [Fact]
    public void A_case_open_for_a_quarter_in_office_hours_is_evaluated_at_once()
    {
        var opened = InLondon(2025, 1, 6, 9); // Monday
        var policy = InOfficeHours with { Minor = new SlaTargets(TimeSpan.FromHours(8), TimeSpan.FromHours(1000)) };

        var sla = Evaluate(
            policy,
            Severity.Minor,
            opened: opened,
            pauses: [new SlaPause(InLondon(2025, 2, 3, 9), InLondon(2025, 2, 10, 9))], // one business week
            now: opened.AddDays(90));

        Assert.Equal(TimeSpan.FromHours((65 - 5) * 8), sla.Resolution.Elapsed);
        Assert.Equal(0.48, sla.Resolution.Fraction, precision: 12);
        Assert.Equal(SlaState.OnTrack, sla.Resolution.State);
    }

    private static SlaEvaluation Evaluate(
        SlaPolicy policy,
        Severity severity,
        DateTimeOffset now,
        DateTimeOffset? opened = null,
        DateTimeOffset? firstResponded = null,
        DateTimeOffset? resolved = null,
        IReadOnlyList<SlaPause>? pauses = null) =>
        SlaCalculator.Evaluate(policy, severity, opened ?? Opened, firstResponded, resolved, pauses ?? [], now);
}
