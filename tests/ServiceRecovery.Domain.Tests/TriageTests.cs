using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Domain.Tests.Sla;

namespace ServiceRecovery.Domain.Tests;

/// <summary>
/// Triage: changing an open case's category and severity. Who may, what is refused, the timeline entry, and what a new
/// severity does to the SLA deadlines (as a fresh case of that severity would have them) and to measures already taken.
/// </summary>
public sealed class TriageTests
{
    /// <summary>Office hours (Mon–Fri 09:00–17:00, London) with the default targets: the calendar makes the arithmetic visible.</summary>
    private static readonly SlaPolicy OfficePolicy = SlaPolicy.Default with { Calendar = SlaTestTime.OfficeHours };

    /// <summary>Friday 6 March 2026, 16:00 in London: one business hour before the weekend.</summary>
    private static readonly DateTimeOffset FridayAt4 = SlaTestTime.InLondon(2026, 3, 6, 16);

    [Fact]
    public void The_owner_changes_category_and_severity_with_one_timeline_entry_and_a_step_event()
    {
        var c = CaseBuilder.At(Stage.Apologized);
        var entries = c.Timeline.Count;
        c.ClearEvents();

        c.Recategorize("Food and drink", Severity.Major, "  The guest was served the wrong allergen menu  ", Clock.As(People.Ana));

        Assert.Equal("Food and drink", c.Category);
        Assert.Equal(Severity.Major, c.Severity);
        Assert.Equal(Stage.Apologized, c.Stage); // triage is not a step of the recovery
        Assert.Equal(entries + 1, c.Timeline.Count);
        var entry = c.Timeline[^1];
        Assert.Equal(TimelineKinds.Recategorized, entry.Kind);
        Assert.Equal("Category changed from Room not ready to Food and drink; severity Moderate → Major", entry.Summary);
        Assert.Null(entry.Details); // the summary already says old → new
        Assert.Equal("The guest was served the wrong allergen menu", entry.Note);
        Assert.Equal("Ana", entry.ActorName);
        Assert.Null(entry.FromStage);
        Assert.Null(entry.ToStage);
        var recorded = Assert.Single(c.Events.OfType<StepRecorded>());
        Assert.Equal(TimelineKinds.Recategorized, recorded.Kind);
        Assert.Empty(c.Events.OfType<CaseClosed>());
    }

    [Fact]
    public void Changing_only_the_category_or_only_the_severity_says_only_that_and_the_reason_is_optional()
    {
        var c = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        c.Recategorize("Food and drink", Severity.Moderate, reason: null, Clock.As(People.Ana));
        Assert.Equal("Category changed from Room not ready to Food and drink", c.Timeline[^1].Summary);
        Assert.Null(c.Timeline[^1].Note);

        c.Recategorize("Food and drink", Severity.Minor, "   ", Clock.As(People.Ana));
        Assert.Equal("Severity changed from Moderate to Minor", c.Timeline[^1].Summary);
        Assert.Null(c.Timeline[^1].Note);
        Assert.Equal(Severity.Minor, c.Severity);
    }

    [Fact]
    public void Nothing_changed_is_refused_and_nothing_is_written()
    {
        var c = CaseBuilder.At(Stage.Listened);
        var entries = c.Timeline.Count;

        var refusal = Assert.Throws<DomainException>(() => c.Recategorize(" Room not ready ", Severity.Moderate, "checking", Clock.As(People.Ana)));

        Assert.Equal("case.same_triage", refusal.Code);
        Assert.Equal("Nothing changed: the case is already Room not ready, severity Moderate. Choose another category or severity, or cancel.", refusal.Message);
        Assert.Equal(entries, c.Timeline.Count);
    }

    [Theory]
    [InlineData(Stage.Closed, "This case is closed; nothing more can be done on it.")]
    [InlineData(Stage.ClosedWithoutRecovery, "This case was closed without recovery; nothing more can be done on it.")]
    [InlineData(Stage.Withdrawn, "This case was withdrawn; nothing more can be done on it.")]
    public void A_finished_case_cannot_be_recategorized(Stage stage, string message)
    {
        var c = CaseBuilder.At(stage);
        var entries = c.Timeline.Count;

        var refusal = Assert.Throws<DomainException>(() => c.Recategorize("Food and drink", Severity.Critical, null, Clock.As(People.Sue)));

        Assert.Equal("case.transition_refused", refusal.Code);
        Assert.Equal(message, refusal.Message);
        Assert.Equal("Room not ready", c.Category);
        Assert.Equal(Severity.Moderate, c.Severity);
        Assert.Equal(entries, c.Timeline.Count);
    }

    [Fact]
    public void Frontline_staff_who_do_not_own_the_case_and_people_without_a_staff_role_are_refused()
    {
        var c = CaseBuilder.At(Stage.Apologized, owner: People.Ana);

        var ben = Assert.Throws<CaseAccessDeniedException>(() => c.Recategorize("Food and drink", Severity.Major, null, Clock.As(People.Ben)));
        Assert.Equal("This case belongs to Ana; only Ana or a supervisor can work on it.", ben.Message);
        Assert.Equal(CaseAccessDeniedException.AccessDeniedCode, ben.Code);
        Assert.Throws<CaseAccessDeniedException>(() => c.Recategorize("Food and drink", Severity.Major, null, Clock.As(People.Nobody)));
        Assert.Equal(Severity.Moderate, c.Severity);

        // A supervisor may triage anyone's case.
        c.Recategorize("Food and drink", Severity.Major, null, Clock.As(People.Sue));
        Assert.Equal("Sue", c.Timeline[^1].ActorName);
    }

    [Fact]
    public void Frontline_staff_triage_an_unassigned_case_without_taking_it_on()
    {
        var c = CaseBuilder.At(Stage.Logged, unassigned: true);

        c.Recategorize("Food and drink", Severity.Major, null, Clock.As(People.Ana));

        Assert.Null(c.OwnerId);
        Assert.DoesNotContain(c.Timeline, e => e.Kind == TimelineKinds.OwnerTaken);
    }

    [Theory]
    [InlineData("", "validation.required", "The category is required.")]
    [InlineData("   ", "validation.required", "The category is required.")]
    [InlineData("Bad\u0007bell", "validation.control_character", null)]
    public void The_category_is_guarded_like_when_logging(string category, string code, string? message)
    {
        var c = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        var refusal = Assert.Throws<DomainException>(() => c.Recategorize(category, Severity.Major, null, Clock.As(People.Ana)));

        Assert.Equal(code, refusal.Code);
        if (message is not null)
        {
            Assert.Equal(message, refusal.Message);
        }

        Assert.Equal(Severity.Moderate, c.Severity);
    }

    [Fact]
    public void A_category_longer_than_the_limit_or_an_unknown_severity_is_refused()
    {
        var c = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        Assert.Equal("validation.too_long",
            Assert.Throws<DomainException>(() => c.Recategorize(new string('x', FieldLimits.Category + 1), Severity.Major, null, Clock.As(People.Ana))).Code);
        Assert.Equal("validation.unknown_value",
            Assert.Throws<DomainException>(() => c.Recategorize("Food and drink", (Severity)9, null, Clock.As(People.Ana))).Code);
        Assert.Equal("validation.too_long",
            Assert.Throws<DomainException>(() => c.Recategorize("Food and drink", Severity.Major, new string('x', FieldLimits.FreeText + 1), Clock.As(People.Ana))).Code);
        Assert.Equal("Room not ready", c.Category);
        Assert.Single(c.Timeline);
    }

    [Theory]
    [InlineData(Severity.Critical)]
    [InlineData(Severity.Major)]
    [InlineData(Severity.Minor)]
    public void A_new_severity_moves_the_deadlines_to_where_a_fresh_case_of_that_severity_opened_then_has_them(Severity severity)
    {
        var c = LogAt(FridayAt4, Severity.Moderate);
        Assert.Equal(SlaTestTime.InLondon(2026, 3, 9, 16), c.SlaDueAt); // Moderate: 8 business hours → Monday 16:00

        c.Recategorize("Room not ready", severity, "Guest has a flight to catch", Ctx(People.Ana, SlaTestTime.InLondon(2026, 3, 9, 9, 30)));

        var fresh = LogAt(FridayAt4, severity);
        Assert.Equal(fresh.SlaDueAt, c.SlaDueAt);
        Assert.Equal(fresh.SlaAtRiskAt, c.SlaAtRiskAt);
        Assert.NotEqual(SlaTestTime.InLondon(2026, 3, 9, 16), c.SlaDueAt);
    }

    [Fact]
    public void Raising_to_critical_brings_the_first_response_due_forward_to_the_critical_target()
    {
        var c = LogAt(FridayAt4, Severity.Moderate);

        c.Recategorize("Room not ready", Severity.Critical, null, Ctx(People.Ana, FridayAt4.AddMinutes(10)));

        Assert.Equal(SlaTestTime.InLondon(2026, 3, 6, 17), c.SlaDueAt); // 1 business hour from Friday 16:00
        Assert.Equal(SlaTestTime.InLondon(2026, 3, 6, 16, 48), c.SlaAtRiskAt); // 80 % of it
    }

    [Fact]
    public void After_the_first_response_the_measure_stays_as_taken_and_the_resolution_deadline_follows_the_new_severity()
    {
        var mondayAt11 = SlaTestTime.InLondon(2026, 3, 9, 11);
        var c = LogAt(FridayAt4, Severity.Moderate);
        Apologize(c, mondayAt11); // 3 business hours: within Moderate's 8, beyond Critical's 1
        Assert.True(c.FirstResponseMetSla);
        Assert.Equal(180, c.FirstResponseBusinessMinutes);

        c.Recategorize("Room not ready", Severity.Critical, "Food poisoning suspected", Ctx(People.Ana, mondayAt11.AddHours(1)));

        // The first response was measured against the target that applied when it was given; a re-grading does not rewrite it.
        Assert.True(c.FirstResponseMetSla);
        Assert.Equal(180, c.FirstResponseBusinessMinutes);
        Assert.Null(c.ResolutionMetSla);

        var fresh = LogAt(FridayAt4, Severity.Critical);
        Apologize(fresh, mondayAt11);
        Assert.False(fresh.FirstResponseMetSla); // had it been Critical from the start, the same apology would have been late
        Assert.Equal(fresh.SlaDueAt, c.SlaDueAt); // resolution: 24 business hours → Wednesday 16:00
        Assert.Equal(SlaTestTime.InLondon(2026, 3, 11, 16), c.SlaDueAt);
        Assert.Equal(fresh.SlaAtRiskAt, c.SlaAtRiskAt);
    }

    [Fact]
    public void A_pause_while_waiting_for_the_customer_still_counts_after_a_new_severity()
    {
        var c = LogAt(FridayAt4, Severity.Moderate);
        Apologize(c, FridayAt4.AddMinutes(15));
        c.WaitForCustomer("Photos of the room", Ctx(People.Ana, SlaTestTime.InLondon(2026, 3, 9, 9)));
        c.CustomerAnswered(Ctx(People.Ana, SlaTestTime.InLondon(2026, 3, 9, 13)));

        c.Recategorize("Room not ready", Severity.Critical, null, Ctx(People.Ana, SlaTestTime.InLondon(2026, 3, 9, 14)));

        // 24 business hours from Friday 16:00 plus the 4 paused hours on Monday morning → Wednesday 16:00 + 4 h = Thursday 12:00.
        Assert.Equal(SlaTestTime.InLondon(2026, 3, 12, 12), c.SlaDueAt);
    }

    private static ActionContext Ctx(Actor actor, DateTimeOffset now) => new(actor, now, Guid.NewGuid(), OfficePolicy);

    private static RecoveryCase LogAt(DateTimeOffset openedAt, Severity severity) =>
        RecoveryCase.Log(
            CaseReference.Format(2026, 123), CaseBuilder.CustomerId, Channel.Web, "Room not ready", severity, null,
            "The room was not ready at check-in.", null, null, null, People.Ana.UserId, People.Ana.Name, Ctx(People.Ana, openedAt));

    private static void Apologize(RecoveryCase c, DateTimeOffset at)
    {
        const string words = "I'm so sorry, this should never have happened.";
        c.Apologize(words, ApologyCoach.Review(words), Ctx(People.Ana, at));
    }
}
