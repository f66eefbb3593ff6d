using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Tests.Insights;

public class CaseMeasuresTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Mon–Fri 09:00–17:00 in London; Moderate: first response 8 h, resolution 16 h (business time).</summary>
    private static readonly SlaPolicy OfficeHours = SlaPolicy.Default with
    {
        Moderate = new SlaTargets(TimeSpan.FromHours(8), TimeSpan.FromHours(16)),
        Calendar = BusinessCalendar.Weekly(London, new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>
        {
            [DayOfWeek.Monday] = [new(new(9, 0), new(17, 0))],
            [DayOfWeek.Tuesday] = [new(new(9, 0), new(17, 0))],
            [DayOfWeek.Wednesday] = [new(new(9, 0), new(17, 0))],
            [DayOfWeek.Thursday] = [new(new(9, 0), new(17, 0))],
            [DayOfWeek.Friday] = [new(new(9, 0), new(17, 0))],
        }),
    };

    private static ActionContext At(DateTimeOffset now, SlaPolicy? policy = null) => new(People.Ana, now, Guid.NewGuid(), policy ?? OfficeHours);

    private static RecoveryCase Open(DateTimeOffset at) => RecoveryCase.Log(
        CaseReference.Format(2026, 1), CaseBuilder.CustomerId, Channel.Phone, "Noise", Severity.Moderate, null, "Loud music", null,
        null, null, People.Ana.UserId, People.Ana.Name, At(at));

    [Fact]
    public void Business_minutes_skip_nights_weekends_and_pauses_and_the_sla_verdict_is_stored()
    {
        // Fri 27 Mar 2026 16:00 GMT; the clocks go forward on Sun 29 Mar.
        var opened = new DateTimeOffset(2026, 3, 27, 16, 0, 0, TimeSpan.Zero);
        var c = Open(opened);
        // Apology Mon 30 Mar 10:30 BST: 60 min Friday + 90 min Monday = 150 business minutes.
        c.Apologize("Sorry", [], At(new DateTimeOffset(2026, 3, 30, 10, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal(150, c.FirstResponseBusinessMinutes);
        Assert.True(c.FirstResponseMetSla);
        Assert.Null(c.ResolutionBusinessMinutes);

        c.Listen("Tired", null, At(new DateTimeOffset(2026, 3, 30, 11, 0, 0, TimeSpan.FromHours(1))));
        // Waiting Mon 12:00–Tue 12:00 (8 business hours paused), fixed Wed 1 Apr 12:00.
        c.WaitForCustomer("Which night", At(new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.FromHours(1))));
        c.CustomerAnswered(At(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.FromHours(1))));
        c.Fix("Moved room", resolvedAtFirstContact: false, At(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.FromHours(1))));

        // Fri 60 + Mon 180 (09–12) + Tue 300 (12–17) + Wed 180 = 720 min = 12 h < 16 h.
        Assert.Equal(720, c.ResolutionBusinessMinutes);
        Assert.True(c.ResolutionMetSla);
        Assert.False(c.FirstFixAtFirstContact);
    }

    [Fact]
    public void A_late_milestone_is_stored_as_missed_and_a_second_fix_after_a_reopen_changes_nothing()
    {
        var opened = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero); // Monday
        var c = Open(opened);
        c.Apologize("Sorry", [], At(opened.AddHours(8))); // exactly at the 8 h target: breached
        Assert.Equal(480, c.FirstResponseBusinessMinutes);
        Assert.False(c.FirstResponseMetSla);

        c.Listen("Upset", null, At(opened.AddHours(8.5)));
        c.Fix("Fixed", resolvedAtFirstContact: true, At(opened.AddDays(1)));
        c.RecordAtonement(GestureType.ApologyOnly, null, null, "Sorry", Power.Of(50m), At(opened.AddDays(1)));
        c.ScheduleFollowUp(DateOnly.FromDateTime(opened.AddDays(2).DateTime), At(opened.AddDays(1)));
        c.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, "Still noisy", At(opened.AddDays(2)));
        c.Fix("Fixed again", resolvedAtFirstContact: false, At(opened.AddDays(3)));

        Assert.Equal(480, c.ResolutionBusinessMinutes); // Mon 09:00 → Tue 09:00 = 8 business hours
        Assert.True(c.ResolutionMetSla);
        Assert.True(c.FirstFixAtFirstContact);
        Assert.Equal(1, c.ReopenCount);
    }

    [Fact]
    public void Without_a_policy_in_the_context_nothing_is_measured_but_first_contact_is_still_known()
    {
        var opened = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var c = Open(opened);
        c.Apologize("Sorry", [], new ActionContext(People.Ana, opened.AddHours(1)));
        c.Listen("Upset", null, new ActionContext(People.Ana, opened.AddHours(2)));
        c.Fix("Fixed", resolvedAtFirstContact: true, new ActionContext(People.Ana, opened.AddHours(3)));

        Assert.Null(c.FirstResponseBusinessMinutes);
        Assert.Null(c.ResolutionMetSla);
        Assert.True(c.FirstFixAtFirstContact);
    }
}
