using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

/// <summary>A root cause is required before a case closes (recovered, unsatisfied, unreachable), never for a withdrawal.</summary>
public sealed class RootCauseTests
{
    private static RecoveryCase AtFollowUpWithoutCause()
    {
        var ctx = Clock.As(People.Ana);
        var c = CaseBuilder.Logged(People.Ana);
        CaseBuilder.Perform(c, CaseAction.Apologize, ctx);
        CaseBuilder.Perform(c, CaseAction.Listen, ctx);
        CaseBuilder.Perform(c, CaseAction.Fix, ctx);
        CaseBuilder.Perform(c, CaseAction.Atone, ctx);
        CaseBuilder.Perform(c, CaseAction.ScheduleFollowUp, ctx);
        return c;
    }

    [Theory]
    [InlineData(CaseAction.RecordSatisfied)]
    [InlineData(CaseAction.CloseUnsatisfied)]
    public void Closing_without_a_root_cause_is_refused_and_changes_nothing(CaseAction action)
    {
        var c = AtFollowUpWithoutCause();
        var entries = c.Timeline.Count;

        var refused = Assert.Throws<DomainException>(() => CaseBuilder.Perform(c, action, Clock.As(People.Ana)));

        Assert.Equal(RecoveryCase.RootCauseRequiredCode, refused.Code);
        Assert.StartsWith("Record the root cause before closing", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Stage.FollowUpDue, c.Stage);
        Assert.Null(c.Outcome);
        Assert.Null(c.ClosedAt);
        Assert.Equal(entries, c.Timeline.Count);
        Assert.Null(c.PendingFollowUp!.Outcome);
    }

    [Fact]
    public void The_last_no_answer_without_a_root_cause_is_refused_but_earlier_ones_are_not()
    {
        var c = AtFollowUpWithoutCause();
        var ctx = Clock.As(People.Ana);
        for (var i = 1; i < Transitions.MaxNoAnswerAttempts; i++)
        {
            CaseBuilder.Perform(c, CaseAction.RecordNoAnswer, ctx);
        }

        var attempts = c.FollowUpAttempts;
        var refused = Assert.Throws<DomainException>(() => CaseBuilder.Perform(c, CaseAction.RecordNoAnswer, ctx));

        Assert.Equal(RecoveryCase.RootCauseRequiredCode, refused.Code);
        Assert.Equal(Stage.FollowUpDue, c.Stage);
        Assert.Equal(attempts, c.FollowUpAttempts);

        c.ClassifyRootCause(Causes.Training, null, null, ctx);
        CaseBuilder.Perform(c, CaseAction.RecordNoAnswer, ctx);
        Assert.Equal(CaseOutcome.Unreachable, c.Outcome);
    }

    [Theory]
    [InlineData(CaseAction.RecordSatisfied, CaseOutcome.Recovered)]
    [InlineData(CaseAction.CloseUnsatisfied, CaseOutcome.Unsatisfied)]
    public void With_a_root_cause_the_case_closes(CaseAction action, CaseOutcome outcome)
    {
        var c = AtFollowUpWithoutCause();
        c.ClassifyRootCause(Causes.HandOff, "Night shift did not read the log", null, Clock.As(People.Ana));

        CaseBuilder.Perform(c, action, Clock.As(People.Ana));

        Assert.Equal(outcome, c.Outcome);
        Assert.Equal(Causes.HandOff.Id, c.RootCauseId);
    }

    [Theory]
    [InlineData(Stage.Logged)]
    [InlineData(Stage.Fixed)]
    [InlineData(Stage.FollowUpDue)]
    public void Withdrawal_needs_no_root_cause(Stage stage)
    {
        var c = stage == Stage.Logged ? CaseBuilder.Logged(People.Ana) : AtFollowUpWithoutCause();
        Assert.False(c.HasRootCause);

        c.Withdraw(WithdrawReason.Duplicate, "Same as SR-2026-000122", Clock.As(People.Ana));

        Assert.Equal(Stage.Withdrawn, c.Stage);
        Assert.Equal(CaseOutcome.Withdrawn, c.Outcome);
    }

    [Fact]
    public void Recording_and_changing_the_cause_writes_a_timeline_entry_with_old_and_new_names()
    {
        var c = CaseBuilder.Logged(People.Ana);
        c.ClassifyRootCause(Causes.HandOff, null, null, Clock.As(People.Ana));
        c.ClassifyRootCause(Causes.Training, "New starter on the desk", Causes.HandOff, Clock.As(People.Ana));

        var entries = c.Timeline.Where(e => e.Kind == TimelineKinds.RootCauseClassified).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("Recorded the root cause: Process › Hand-off", entries[0].Summary);
        Assert.Equal("none → Process › Hand-off", entries[0].Details);
        Assert.Equal("Changed the root cause to People › Training", entries[1].Summary);
        Assert.Equal("Process › Hand-off → People › Training", entries[1].Details);
        Assert.Equal("New starter on the desk", entries[1].Note);
        Assert.Equal(Causes.Training.Id, c.RootCauseId);
    }

    [Fact]
    public void An_inactive_leaf_cannot_be_chosen()
    {
        var c = CaseBuilder.Logged(People.Ana);

        var refused = Assert.Throws<DomainException>(() => c.ClassifyRootCause(Causes.Retired, null, null, Clock.As(People.Ana)));

        Assert.Equal("case.root_cause_inactive", refused.Code);
        Assert.Null(c.RootCauseId);
    }

    [Fact]
    public void The_same_cause_twice_is_refused_and_a_finished_case_cannot_be_reclassified()
    {
        var c = CaseBuilder.At(Stage.Closed);
        Assert.Throws<DomainException>(() => c.ClassifyRootCause(Causes.Training, null, Causes.HandOff, Clock.As(People.Ana)));

        var open = CaseBuilder.Logged(People.Ana);
        open.ClassifyRootCause(Causes.HandOff, null, null, Clock.As(People.Ana));
        var same = Assert.Throws<DomainException>(() => open.ClassifyRootCause(Causes.HandOff, null, Causes.HandOff, Clock.As(People.Ana)));
        Assert.Equal("case.same_root_cause", same.Code);
    }

    [Fact]
    public void Another_frontliners_case_cannot_be_classified_and_the_current_cause_must_be_the_cases()
    {
        var c = CaseBuilder.Logged(People.Ana);
        Assert.Throws<CaseAccessDeniedException>(() => c.ClassifyRootCause(Causes.HandOff, null, null, Clock.As(People.Ben)));
        Assert.Throws<ArgumentException>(() => c.ClassifyRootCause(Causes.HandOff, null, Causes.Training, Clock.As(People.Ana)));
        Assert.Null(c.RootCauseId);
    }
}
