using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

public class TransitionTableTests
{
    public static TheoryData<Stage, CaseAction> AllPairs()
    {
        var data = new TheoryData<Stage, CaseAction>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            foreach (var action in Enum.GetValues<CaseAction>())
            {
                data.Add(stage, action);
            }
        }

        return data;
    }

    public static TheoryData<Stage, bool> ReachableStages()
    {
        var data = new TheoryData<Stage, bool>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            data.Add(stage, false);
            if (stage is Stage.Listened or Stage.Fixed or Stage.Atoned or Stage.FollowUpDue)
            {
                data.Add(stage, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Every_stage_and_action_pair_does_what_the_table_says(Stage stage, CaseAction action)
    {
        var inTable = Transitions.TryGet(stage, action, out var expected);

        // Every stage has a route in CaseBuilder and every action a method: a new one without them fails here, loudly.
        // A case fixed after a reopen already has an approved gesture, which the Fixed → FollowUpDue row needs.
        var recoveryCase = CaseBuilder.At(stage, reopened: stage == Stage.Fixed);
        var entries = recoveryCase.Timeline.Count;

        if (inTable)
        {
            CaseBuilder.Perform(recoveryCase, action, Clock.As(People.Ana));
            Assert.Equal(expected, recoveryCase.Stage);
            Assert.Equal(entries + 1, recoveryCase.Timeline.Count);
        }
        else
        {
            var refusal = Assert.Throws<DomainException>(
                () => CaseBuilder.Perform(recoveryCase, action, Clock.As(People.Ana)));
            AssertHumanRefusal(refusal);
            Assert.Equal(stage, recoveryCase.Stage);
            Assert.Equal(entries, recoveryCase.Timeline.Count);
        }
    }

    [Theory]
    [MemberData(nameof(ReachableStages))]
    public void AllowedActions_equal_what_actually_succeeds(Stage stage, bool reopened)
    {
        var allowed = CaseBuilder.At(stage, reopened).AllowedActions;

        var succeeded = Enum.GetValues<CaseAction>()
            .Where(action =>
            {
                var recoveryCase = CaseBuilder.At(stage, reopened);
                try
                {
                    CaseBuilder.Perform(recoveryCase, action, Clock.As(People.Ana));
                    return true;
                }
                catch (DomainException)
                {
                    return false;
                }
            })
            .ToList();

        Assert.Equal(succeeded, allowed);
    }

    [Theory]
    [InlineData(Stage.Closed)]
    [InlineData(Stage.ClosedWithoutRecovery)]
    [InlineData(Stage.Withdrawn)]
    public void Terminal_stages_have_no_allowed_actions(Stage stage)
    {
        Assert.True(Transitions.IsTerminal(stage));
        Assert.Empty(Transitions.AllowedFrom(stage));
        Assert.Empty(CaseBuilder.At(stage).AllowedActions);
    }

    [Fact]
    public void A_closed_case_refuses_everything_saying_it_is_closed()
    {
        var recoveryCase = CaseBuilder.At(Stage.Closed);

        var refusal = Assert.Throws<DomainException>(
            () => CaseBuilder.Perform(recoveryCase, CaseAction.Withdraw, Clock.As(People.Ana)));

        Assert.Equal("This case is closed; nothing more can be done on it.", refusal.Message);
        Assert.Equal("case.transition_refused", refusal.Code);
    }

    [Fact]
    public void Every_open_stage_can_be_withdrawn()
    {
        foreach (var stage in Enum.GetValues<Stage>().Where(s => !Transitions.IsTerminal(s)))
        {
            Assert.True(Transitions.TryGet(stage, CaseAction.Withdraw, out var to), stage.ToString());
            Assert.Equal(Stage.Withdrawn, to);
        }
    }

    [Fact]
    public void Approvals_rows_are_reserved_in_the_table()
    {
        Assert.Equal(Stage.Atoned, Transitions.Table[(Stage.AtonementPendingApproval, CaseAction.ApproveAtonement)]);
        Assert.Equal(Stage.Fixed, Transitions.Table[(Stage.AtonementPendingApproval, CaseAction.DeclineAtonement)]);
        Assert.Equal(
            [CaseAction.Withdraw, CaseAction.ApproveAtonement, CaseAction.DeclineAtonement, CaseAction.ProposeHigherAmount],
            Transitions.AllowedFrom(Stage.AtonementPendingApproval));
    }

    [Fact]
    public void Listening_before_apologizing_says_apologize_first()
    {
        var refusal = Assert.Throws<DomainException>(
            () => CaseBuilder.Perform(CaseBuilder.At(Stage.Logged), CaseAction.Listen, Clock.As(People.Ana)));

        Assert.Equal("Apologize first: the next step for this case is to apologize.", refusal.Message);
    }

    [Fact]
    public void Apologizing_twice_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(
            () => CaseBuilder.Perform(CaseBuilder.At(Stage.Apologized), CaseAction.Apologize, Clock.As(People.Ana)));

        Assert.Equal("This case has already been apologized for.", refusal.Message);
    }

    [Fact]
    public void Atoning_before_fixing_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(
            () => CaseBuilder.Perform(CaseBuilder.At(Stage.Listened), CaseAction.Atone, Clock.As(People.Ana)));

        Assert.Equal("A case must be fixed before a gesture can be recorded.", refusal.Message);
    }

    [Fact]
    public void Scheduling_the_follow_up_right_after_the_first_fix_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.Fixed);

        Assert.DoesNotContain(CaseAction.ScheduleFollowUp, recoveryCase.AllowedActions);
        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.ScheduleFollowUp(Clock.Today.AddDays(1), Clock.As(People.Ana)));
        Assert.Contains("Record a gesture before scheduling the follow-up", refusal.Message, StringComparison.Ordinal);
    }

    private static void AssertHumanRefusal(DomainException refusal)
    {
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        Assert.EndsWith(".", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", refusal.Message, StringComparison.Ordinal);
    }
}
