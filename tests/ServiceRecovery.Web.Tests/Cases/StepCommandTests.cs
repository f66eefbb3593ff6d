using FluentValidation;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;
using FollowUpOutcomeStep = ServiceRecovery.Web.Features.Cases.FollowUpOutcome;
using Outcome = ServiceRecovery.Domain.Cases.FollowUpOutcome;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>Each recovery step's command through the real pipeline: recorded, refused by the validator, by the stage, by ownership.</summary>
public sealed class StepCommandTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    /// <summary>A step: the stage it starts from, a valid command, where it leads and the timeline kind it writes.</summary>
    private sealed record Step(Stage From, Func<CaseDriver, CaseStepCommand> Valid, Stage To, string Kind);

    private static readonly Dictionary<string, Step> Steps = new()
    {
        ["Apologize"] = new(Stage.Logged, d => d.StepInto(Stage.Apologized), Stage.Apologized, TimelineKinds.Apologized),
        ["Listen"] = new(Stage.Apologized, d => d.StepInto(Stage.Listened), Stage.Listened, TimelineKinds.Listened),
        ["Fix"] = new(Stage.Listened, d => d.StepInto(Stage.Fixed), Stage.Fixed, TimelineKinds.Fixed),
        ["Atone"] = new(Stage.Fixed, d => d.StepInto(Stage.Atoned), Stage.Atoned, TimelineKinds.Atoned),
        ["ScheduleFollowUp"] = new(Stage.Atoned, d => d.StepInto(Stage.FollowUpDue), Stage.FollowUpDue, TimelineKinds.FollowUpScheduled),
        ["Satisfied"] = new(Stage.FollowUpDue, _ => new FollowUpOutcomeStep.Command { Outcome = Outcome.Satisfied, Note = "Happy now." }, Stage.Closed, TimelineKinds.Satisfied),
        ["NotSatisfied"] = new(Stage.FollowUpDue, _ => new FollowUpOutcomeStep.Command { Outcome = Outcome.NotSatisfied, Note = "Still cold in the mornings." }, Stage.Listened, TimelineKinds.Reopened),
        ["NoAnswer"] = new(Stage.FollowUpDue, _ => new FollowUpOutcomeStep.Command { Outcome = Outcome.NoAnswer }, Stage.FollowUpDue, TimelineKinds.NoAnswer),
        ["CloseUnsatisfied"] = new(Stage.FollowUpDue, _ => new CloseUnsatisfied.Command { Note = "Wants a full refund of the week." }, Stage.ClosedWithoutRecovery, TimelineKinds.ClosedUnsatisfied),
        ["Withdraw"] = new(Stage.Listened, _ => new Withdraw.Command { Reason = WithdrawReason.LoggedInError, Note = "Was meant for another hotel." }, Stage.Withdrawn, TimelineKinds.Withdrawn),
    };

    public static TheoryData<string> StepNames() => [.. Steps.Keys];

    [Theory]
    [MemberData(nameof(StepNames))]
    public async Task A_valid_step_moves_the_stage_and_commits_one_timeline_entry(string name)
    {
        var step = Steps[name];
        var reference = await _cases.LogAtAsync(step.From);
        var before = await _cases.SnapshotAsync(reference);

        var outcome = await _cases.SendStepAsync(reference, step.Valid(_cases), CaseDriver.Frontline);

        Assert.False(outcome.WasAlreadyRecorded);
        var after = await _cases.SnapshotAsync(reference);
        Assert.Equal(step.To, after.Stage);
        var entries = name == "Fix" ? 2 : 1; // the fix step records the root cause too, just before the fix
        Assert.Equal(before.TimelineEntries + entries, after.TimelineEntries);
        Assert.Equal(before.LastTimelineSequence + entries, after.LastTimelineSequence);
        Assert.NotEqual(before.Version, after.Version);
        var entry = (await _cases.TimelineAsync(reference))[^1];
        Assert.Equal(step.Kind, entry.Kind);
        Assert.Equal(after.LastTimelineSequence, entry.Sequence);
        Assert.Equal(step.From, entry.FromStage);
        Assert.Equal(step.To, entry.ToStage);
        Assert.Equal(CaseDriver.FrontlineName, entry.ActorName);
        Assert.Equal(await _cases.UserIdAsync(CaseDriver.Frontline), entry.ActorId);
        Assert.NotNull(entry.RequestId);
    }

    [Fact]
    public async Task Each_step_keeps_what_was_said_and_done()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal("I'm so sorry about the shower — that's got to be so frustrating.", saved.Apology?.Words);
        Assert.Equal("Cold, tired and ignored.", saved.ListeningNote?.CustomerFeels);
        Assert.Equal("Hot water.", saved.ListeningNote?.CustomerWouldLike);
        var fix = Assert.Single(saved.Fixes);
        Assert.Equal("Engineer replaced the thermostatic valve.", fix.WhatWasDone);
        Assert.True(fix.ResolvedAtFirstContact);
        var gesture = Assert.Single(saved.Atonements);
        Assert.Equal(GestureType.Voucher, gesture.Gesture);
        Assert.Equal(25m, gesture.Amount);
        Assert.Equal("EUR", gesture.Currency);
        Assert.Equal(AtonementStatus.Approved, gesture.Status);
        Assert.Equal(50m, gesture.ProposerLimit);
        var followUp = Assert.Single(saved.FollowUps);
        Assert.Equal(_cases.Today.AddDays(1), followUp.DueOn);
        Assert.Equal(_cases.Today.AddDays(1), saved.FollowUpDueOn);
        Assert.Null(followUp.Outcome);
    }

    [Fact]
    public async Task Satisfied_closes_the_case_as_recovered()
    {
        var reference = await _cases.LogAtAsync(Stage.Closed);

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(CaseOutcome.Recovered, saved.Outcome);
        Assert.NotNull(saved.ClosedAt);
        Assert.Null(saved.FollowUpDueOn);
        Assert.Equal(Outcome.Satisfied, Assert.Single(saved.FollowUps).Outcome);
    }

    [Fact]
    public async Task Not_satisfied_reopens_the_case_and_after_the_next_fix_it_can_go_straight_to_follow_up()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);
        await _cases.SendStepAsync(reference, new FollowUpOutcomeStep.Command { Outcome = Outcome.NotSatisfied, Note = "Still cold." });
        await _cases.SendStepAsync(reference, new Fix.Command { WhatWasDone = "Boiler serviced." });

        var reopened = await _cases.CaseAsync(reference);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal(2, reopened.Fixes.Count);
        Assert.Equal(Stage.Fixed, reopened.Stage);

        await _cases.SendStepAsync(reference, new ScheduleFollowUp.Command { DueOn = _cases.Today });

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.FollowUpDue, saved.Stage);
        Assert.Equal(2, saved.FollowUps.Count);
        Assert.Single(saved.Atonements);
    }

    [Fact]
    public async Task Close_unsatisfied_keeps_the_note_and_the_outcome()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);

        await _cases.SendStepAsync(reference, new CloseUnsatisfied.Command { Note = "Wants the whole stay refunded." });

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.ClosedWithoutRecovery, saved.Stage);
        Assert.Equal(CaseOutcome.Unsatisfied, saved.Outcome);
        Assert.Equal("Wants the whole stay refunded.", saved.ClosingNote);
        Assert.Equal("Wants the whole stay refunded.", (await _cases.TimelineAsync(reference))[^1].Note);
    }

    [Fact]
    public async Task Withdrawing_keeps_the_case_marked_withdrawn_with_its_reason()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);

        await _cases.SendStepAsync(reference, new Withdraw.Command { Reason = WithdrawReason.Duplicate, Note = "Same as SR-2026-000001." });

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.Withdrawn, saved.Stage);
        Assert.Equal(CaseOutcome.Withdrawn, saved.Outcome);
        Assert.Equal(WithdrawReason.Duplicate, saved.WithdrawReason);
        Assert.Equal("Same as SR-2026-000001.", saved.ClosingNote);
    }

    [Fact]
    public async Task No_answer_schedules_the_next_try_on_the_next_business_day_by_default()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);

        await _cases.SendStepAsync(reference, new FollowUpOutcomeStep.Command { Outcome = Outcome.NoAnswer });

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.FollowUpDue, saved.Stage);
        Assert.Equal(1, saved.FollowUpAttempts);
        Assert.Equal(BusinessDays.NextBusinessDay(_cases.Today), saved.FollowUpDueOn);
        Assert.Equal([Outcome.NoAnswer, null], saved.FollowUps.OrderBy(f => f.Number).Select(f => f.Outcome));
    }

    [Fact]
    public async Task The_third_no_answer_closes_the_case_as_unreachable()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await _cases.SendStepAsync(reference, new FollowUpOutcomeStep.Command { Outcome = Outcome.NoAnswer, NextDueOn = _cases.Today.AddDays(attempt) });
        }

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.ClosedWithoutRecovery, saved.Stage);
        Assert.Equal(CaseOutcome.Unreachable, saved.Outcome);
        Assert.Equal(3, saved.FollowUpAttempts);
        Assert.Null(saved.FollowUpDueOn);
        Assert.All(saved.FollowUps, f => Assert.Equal(Outcome.NoAnswer, f.Outcome));
        var kinds = (await _cases.TimelineAsync(reference)).TakeLast(3).Select(t => t.Kind);
        Assert.Equal([TimelineKinds.NoAnswer, TimelineKinds.NoAnswer, TimelineKinds.Unreachable], kinds);
        Assert.Equal(Stage.ClosedWithoutRecovery, (await _cases.TimelineAsync(reference))[^1].ToStage);
    }

    public static TheoryData<string, string, string> InvalidSteps() => new()
    {
        { "Apologize", nameof(Apologize.Command.Words), "Write the words you used to apologize." },
        { "Apologize too long", nameof(Apologize.Command.Words), "Keep the words you used to apologize to 4,000 characters or fewer." },
        { "Listen", nameof(Listen.Command.CustomerFeels), "Write how the customer feels." },
        { "Fix", nameof(Fix.Command.WhatWasDone), "Write what was done to fix it." },
        { "Atone without gesture", nameof(Atone.Command.Gesture), "Choose a gesture, or apology only." },
        { "Atone without amount", nameof(Atone.Command.Amount), "Enter the value of the gesture." },
        { "Atone with zero", nameof(Atone.Command.Amount), "The value must be more than zero." },
        { "Atone with three decimals", nameof(Atone.Command.Amount), "Use at most two decimals." },
        { "Atone other without description", nameof(Atone.Command.Description), "Describe the gesture." },
        { "Apology only without reason", nameof(Atone.Command.Description), "Write why an apology is enough." },
        { "Apology only with amount", nameof(Atone.Command.Amount), "Apology only has no amount: leave it empty." },
        { "ScheduleFollowUp", nameof(ScheduleFollowUp.Command.DueOn), "Choose the day to follow up." },
        { "FollowUpOutcome", nameof(FollowUpOutcomeStep.Command.Outcome), "Choose how the follow-up went." },
        { "NotSatisfied without note", nameof(FollowUpOutcomeStep.Command.Note), "Write what is still wrong, so the next fix addresses it." },
        { "CloseUnsatisfied", nameof(CloseUnsatisfied.Command.Note), "Write why the case is closed unsatisfied." },
        { "Withdraw without reason", nameof(Withdraw.Command.Reason), "Choose why the case is withdrawn." },
        { "Withdraw without note", nameof(Withdraw.Command.Note), "Write a note (e.g. the reference of the case it duplicates)." },
    };

    [Theory]
    [MemberData(nameof(InvalidSteps))]
    public async Task An_invalid_step_names_the_field_and_writes_nothing(string problem, string field, string message)
    {
        var (stage, command) = problem switch
        {
            "Apologize" => (Stage.Logged, (CaseStepCommand)new Apologize.Command { Words = "  " }),
            "Apologize too long" => (Stage.Logged, new Apologize.Command { Words = new string('s', 4001) }),
            "Listen" => (Stage.Apologized, new Listen.Command { CustomerFeels = "" }),
            "Fix" => (Stage.Listened, new Fix.Command { WhatWasDone = "" }),
            "Atone without gesture" => (Stage.Fixed, new Atone.Command { Amount = 10m }),
            "Atone without amount" => (Stage.Fixed, new Atone.Command { Gesture = GestureType.Refund }),
            "Atone with zero" => (Stage.Fixed, new Atone.Command { Gesture = GestureType.Refund, Amount = 0m }),
            "Atone with three decimals" => (Stage.Fixed, new Atone.Command { Gesture = GestureType.Credit, Amount = 10.005m }),
            "Atone other without description" => (Stage.Fixed, new Atone.Command { Gesture = GestureType.Other, Amount = 10m }),
            "Apology only without reason" => (Stage.Fixed, new Atone.Command { Gesture = GestureType.ApologyOnly }),
            "Apology only with amount" => (Stage.Fixed, new Atone.Command { Gesture = GestureType.ApologyOnly, Amount = 5m, Description = "Sorry is enough." }),
            "ScheduleFollowUp" => (Stage.Atoned, new ScheduleFollowUp.Command { DueOn = null }),
            "FollowUpOutcome" => (Stage.FollowUpDue, new FollowUpOutcomeStep.Command { Note = "Rang twice." }),
            "NotSatisfied without note" => (Stage.FollowUpDue, new FollowUpOutcomeStep.Command { Outcome = Outcome.NotSatisfied }),
            "CloseUnsatisfied" => (Stage.FollowUpDue, new CloseUnsatisfied.Command { Note = "" }),
            "Withdraw without reason" => (Stage.Logged, new Withdraw.Command { Note = "Duplicate." }),
            "Withdraw without note" => (Stage.Logged, new Withdraw.Command { Reason = WithdrawReason.Duplicate, Note = " " }),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
        var reference = await _cases.LogAtAsync(stage);
        var before = await _cases.SnapshotAsync(reference);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => _cases.SendStepAsync(reference, command));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(field, error.PropertyName);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    public static TheoryData<string, Stage, string> StepsInTheWrongStage() => new()
    {
        { "Apologize", Stage.Apologized, "This case has already been apologized for." },
        { "Listen", Stage.Logged, "Apologize first: the next step for this case is to apologize." },
        { "Fix", Stage.Apologized, "Listen first: the next step for this case is to listen to the customer and note how they feel." },
        { "Fix", Stage.Atoned, "This case has already been fixed. If the customer is still unhappy, record that at the follow-up to reopen it." },
        { "Atone", Stage.Listened, "A case must be fixed before a gesture can be recorded." },
        { "Atone", Stage.Atoned, "A gesture has already been recorded for this case." },
        { "ScheduleFollowUp", Stage.Fixed, "Record a gesture before scheduling the follow-up (an apology-only gesture with a reason is fine)." },
        { "ScheduleFollowUp", Stage.FollowUpDue, "A follow-up is already scheduled for this case." },
        { "Satisfied", Stage.Atoned, "There is no follow-up due on this case yet. Follow up next: the next step for this case is to schedule a follow-up with the customer." },
        { "NoAnswer", Stage.Logged, "There is no follow-up due on this case yet. Apologize first: the next step for this case is to apologize." },
        { "CloseUnsatisfied", Stage.Fixed, "There is no follow-up due on this case yet. Make amends first: the next step for this case is to record a gesture." },
        { "Withdraw", Stage.Closed, "This case is closed; nothing more can be done on it." },
        { "Apologize", Stage.Withdrawn, "This case was withdrawn; nothing more can be done on it." },
        { "NotSatisfied", Stage.ClosedWithoutRecovery, "This case was closed without recovery; nothing more can be done on it." },
    };

    [Theory]
    [MemberData(nameof(StepsInTheWrongStage))]
    public async Task A_step_in_the_wrong_stage_is_refused_in_plain_words_and_writes_nothing(string name, Stage stage, string message)
    {
        var reference = await _cases.LogAtAsync(stage);
        var before = await _cases.SnapshotAsync(reference);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _cases.SendStepAsync(reference, Steps[name].Valid(_cases)));

        Assert.Equal(message, ex.Message);
        Assert.Equal("case.transition_refused", ex.Code);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public async Task Frontline_cannot_act_on_a_case_owned_by_someone_else(string name)
    {
        var step = Steps[name];
        var reference = await _cases.LogAtAsync(step.From, owner: CaseDriver.Supervisor);
        var before = await _cases.SnapshotAsync(reference);

        var ex = await Assert.ThrowsAsync<CaseAccessDeniedException>(() => _cases.SendStepAsync(reference, step.Valid(_cases), CaseDriver.Frontline));

        Assert.Equal("This case belongs to Sam Supervisor; only Sam Supervisor or a supervisor can work on it.", ex.Message);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Theory]
    [InlineData(CaseDriver.Supervisor, "Sam Supervisor")]
    [InlineData(CaseDriver.Manager, "Maya Manager")]
    public async Task A_supervisor_or_manager_can_act_on_anyones_case_without_taking_it_over(string email, string name)
    {
        var reference = await _cases.LogAtAsync(Stage.Logged, owner: CaseDriver.Frontline);

        var outcome = await _cases.SendStepAsync(reference, _cases.StepInto(Stage.Apologized), email);

        Assert.False(outcome.WasAlreadyRecorded);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.Apologized, saved.Stage);
        Assert.Equal(CaseDriver.FrontlineName, saved.OwnerName);
        var entry = (await _cases.TimelineAsync(reference))[^1];
        Assert.Equal(name, entry.ActorName);
        Assert.Equal(await _cases.UserIdAsync(email), entry.ActorId);
    }

    [Fact]
    public async Task Frontline_acting_on_an_unassigned_case_becomes_its_owner()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged, owner: null);

        await _cases.SendStepAsync(reference, _cases.StepInto(Stage.Apologized), CaseDriver.Frontline);

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(await _cases.UserIdAsync(CaseDriver.Frontline), saved.OwnerId);
        var kinds = (await _cases.TimelineAsync(reference)).Select(t => t.Kind);
        Assert.Equal([TimelineKinds.Logged, TimelineKinds.OwnerTaken, TimelineKinds.Apologized], kinds);
    }

    [Fact]
    public async Task A_gesture_above_the_frontline_limit_waits_for_supervisor_approval()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);

        await _cases.SendStepAsync(reference, new Atone.Command { Gesture = GestureType.Refund, Amount = 50.01m });

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.AtonementPendingApproval, saved.Stage);
        var gesture = Assert.Single(saved.Atonements);
        Assert.Equal(AtonementStatus.PendingApproval, gesture.Status);
        Assert.Equal("above the proposer's limit of 50.00 EUR", gesture.NeedsApprovalBecause);
    }

    [Fact]
    public async Task A_gesture_of_exactly_the_frontline_limit_is_approved_at_once()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);

        await _cases.SendStepAsync(reference, new Atone.Command { Gesture = GestureType.Refund, Amount = 50m });

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.Atoned, saved.Stage);
        var gesture = Assert.Single(saved.Atonements);
        Assert.Equal(50m, gesture.Amount);
        Assert.Equal(AtonementStatus.Approved, gesture.Status);
    }

    [Fact]
    public async Task A_supervisor_may_give_more_than_the_frontline_limit()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);

        await _cases.SendStepAsync(reference, new Atone.Command { Gesture = GestureType.Refund, Amount = 120m }, CaseDriver.Supervisor);

        var gesture = Assert.Single((await _cases.CaseAsync(reference)).Atonements);
        Assert.Equal(120m, gesture.Amount);
        Assert.Equal(500m, gesture.ProposerLimit);
        Assert.Equal(CaseDriver.SupervisorName, gesture.ProposedByName);
    }

    [Fact]
    public async Task Apology_only_with_a_reason_is_recorded_without_an_amount()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);

        await _cases.SendStepAsync(reference, new Atone.Command { Gesture = GestureType.ApologyOnly, Description = "A token would insult them." });

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(Stage.Atoned, saved.Stage);
        var gesture = Assert.Single(saved.Atonements);
        Assert.Equal(GestureType.ApologyOnly, gesture.Gesture);
        Assert.Null(gesture.Amount);
        Assert.Null(gesture.Currency);
        Assert.Equal("A token would insult them.", gesture.Description);
    }

    [Fact]
    public async Task A_follow_up_in_the_past_is_refused_and_today_is_fine()
    {
        var reference = await _cases.LogAtAsync(Stage.Atoned);
        var before = await _cases.SnapshotAsync(reference);
        var yesterday = _cases.Today.AddDays(-1);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _cases.SendStepAsync(reference, new ScheduleFollowUp.Command { DueOn = yesterday }));

        Assert.Equal($"The follow-up date {yesterday:yyyy-MM-dd} is in the past; choose today or a later day.", ex.Message);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));

        await _cases.SendStepAsync(reference, new ScheduleFollowUp.Command { DueOn = _cases.Today });
        Assert.Equal(_cases.Today, (await _cases.CaseAsync(reference)).FollowUpDueOn);
    }

    [Fact]
    public async Task A_next_try_in_the_past_after_no_answer_is_refused()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);
        var before = await _cases.SnapshotAsync(reference);

        var ex = await Assert.ThrowsAsync<DomainException>(() => _cases.SendStepAsync(reference,
            new FollowUpOutcomeStep.Command { Outcome = Outcome.NoAnswer, NextDueOn = _cases.Today.AddDays(-3) }));

        Assert.Equal("follow_up.date_in_past", ex.Code);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Fact]
    public async Task A_step_on_an_unknown_case_is_not_found()
    {
        var command = new Listen.Command { Reference = "SR-2000-999999", CustomerFeels = "Fine.", RequestId = Guid.CreateVersion7() };

        await Assert.ThrowsAsync<CaseNotFoundException>(() => Fixture.SendAsync(command, CaseDriver.Supervisor));
    }
}
