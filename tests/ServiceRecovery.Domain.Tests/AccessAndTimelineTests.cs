using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

public class AccessAndTimelineTests
{
    public static TheoryData<Stage, CaseAction> PerformableRows()
    {
        var data = new TheoryData<Stage, CaseAction>();
        foreach (var ((from, action), _) in Transitions.Table)
        {
            data.Add(from, action);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PerformableRows))]
    public void Every_action_appends_exactly_one_timeline_entry_with_actor_time_and_stages(Stage from, CaseAction action)
    {
        var recoveryCase = CaseBuilder.At(from, reopened: from == Stage.Fixed);
        var before = recoveryCase.Timeline.Count;
        var later = Clock.Now.AddHours(2);
        var requestId = Guid.NewGuid();

        CaseBuilder.Perform(recoveryCase, action, new ActionContext(People.Ana, later, requestId));

        Assert.Equal(before + 1, recoveryCase.Timeline.Count);
        var entry = recoveryCase.Timeline[^1];
        // Approvals are decided by a supervisor (CaseBuilder.Perform acts as Sue for them).
        var actor = action is CaseAction.ApproveAtonement or CaseAction.DeclineAtonement or CaseAction.ProposeHigherAmount ? People.Sue : People.Ana;
        Assert.Equal(recoveryCase.Id, entry.CaseId);
        Assert.Equal(actor.UserId, entry.ActorId);
        Assert.Equal(actor.Name, entry.ActorName);
        Assert.Equal(later, entry.At);
        Assert.Equal(requestId, entry.RequestId);
        Assert.Equal(from, entry.FromStage);
        Assert.Equal(recoveryCase.Stage, entry.ToStage);
        Assert.StartsWith("case.", entry.Kind, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(entry.Summary));
        Assert.Equal(recoveryCase.LastTimelineSequence, entry.Sequence);
        Assert.Equal(Enumerable.Range(1, recoveryCase.Timeline.Count), recoveryCase.Timeline.Select(e => e.Sequence));
    }

    [Fact]
    public void Frontline_on_someone_elses_case_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        var refusal = Assert.Throws<CaseAccessDeniedException>(
            () => CaseBuilder.Perform(recoveryCase, CaseAction.Apologize, Clock.As(People.Ben)));

        Assert.Equal("This case belongs to Ana; only Ana or a supervisor can work on it.", refusal.Message);
        Assert.Equal(CaseAccessDeniedException.AccessDeniedCode, refusal.Code);
        Assert.Equal(Stage.Logged, recoveryCase.Stage);
        Assert.Single(recoveryCase.Timeline);
        Assert.False(recoveryCase.MayBeActedOnBy(People.Ben));
        Assert.Empty(recoveryCase.AllowedActionsFor(People.Ben));
    }

    [Fact]
    public void Frontline_acting_on_an_unassigned_case_becomes_its_owner()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, unassigned: true);
        Assert.Null(recoveryCase.OwnerId);
        Assert.True(recoveryCase.MayBeActedOnBy(People.Ben));

        CaseBuilder.Perform(recoveryCase, CaseAction.Apologize, Clock.As(People.Ben));

        Assert.Equal(People.Ben.UserId, recoveryCase.OwnerId);
        Assert.Equal("Ben", recoveryCase.OwnerName);
        var takeOver = recoveryCase.Timeline[^2];
        Assert.Equal(TimelineKinds.OwnerTaken, takeOver.Kind);
        Assert.Equal("unassigned → Ben", takeOver.Details);
        Assert.Equal(People.Ben.UserId, takeOver.ActorId);
        Assert.Equal(TimelineKinds.Apologized, recoveryCase.Timeline[^1].Kind);
        Assert.False(recoveryCase.MayBeActedOnBy(People.Ana));
    }

    [Fact]
    public void A_refused_action_on_an_unassigned_case_does_not_take_ownership()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, unassigned: true);

        Assert.Throws<DomainException>(() => recoveryCase.Apologize("", [], Clock.As(People.Ben)));

        Assert.Null(recoveryCase.OwnerId);
        Assert.Single(recoveryCase.Timeline);
    }

    [Theory]
    [MemberData(nameof(AnyCaseActors))]
    public void Supervisors_managers_and_admins_may_act_on_any_case_without_taking_it(Actor actor)
    {
        var owned = CaseBuilder.At(Stage.Logged, owner: People.Ana);
        var unassigned = CaseBuilder.At(Stage.Logged, unassigned: true);

        CaseBuilder.Perform(owned, CaseAction.Apologize, Clock.As(actor));
        CaseBuilder.Perform(unassigned, CaseAction.Apologize, Clock.As(actor));

        Assert.Equal(People.Ana.UserId, owned.OwnerId);
        Assert.Null(unassigned.OwnerId);
        Assert.Equal(Stage.Apologized, owned.Stage);
        Assert.Equal(actor.UserId, owned.Timeline[^1].ActorId);
    }

    public static TheoryData<Actor> AnyCaseActors() => [People.Sue, People.Max, People.Ada];

    [Fact]
    public void Someone_without_a_staff_role_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, unassigned: true);

        Assert.Throws<CaseAccessDeniedException>(
            () => CaseBuilder.Perform(recoveryCase, CaseAction.Apologize, Clock.As(People.Nobody)));
        Assert.Throws<CaseAccessDeniedException>(() => CaseBuilder.Logged(loggedBy: People.Nobody));
    }

    [Fact]
    public void Frontline_may_take_an_unassigned_case()
    {
        var recoveryCase = CaseBuilder.At(Stage.Apologized, unassigned: true);

        recoveryCase.Assign(People.Ben.UserId, "Ben", null, Clock.As(People.Ben));

        Assert.Equal(People.Ben.UserId, recoveryCase.OwnerId);
        var entry = recoveryCase.Timeline[^1];
        Assert.Equal(TimelineKinds.Assigned, entry.Kind);
        Assert.Equal("unassigned → Ben", entry.Details);
        Assert.Null(entry.FromStage);
    }

    [Fact]
    public void Frontline_may_not_assign_an_unassigned_case_to_someone_else()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, unassigned: true);

        Assert.Throws<CaseAccessDeniedException>(
            () => recoveryCase.Assign(People.Ana.UserId, "Ana", null, Clock.As(People.Ben)));
    }

    [Fact]
    public void Frontline_may_not_reassign_their_own_case()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        var refusal = Assert.Throws<CaseAccessDeniedException>(
            () => recoveryCase.Assign(People.Ben.UserId, "Ben", "Going home", Clock.As(People.Ana)));

        Assert.Equal("Only a supervisor can reassign a case that already has an owner.", refusal.Message);
    }

    [Fact]
    public void A_supervisor_reassigns_with_a_reason_recorded_before_and_after()
    {
        var recoveryCase = CaseBuilder.At(Stage.Listened, owner: People.Ana);
        Assert.Throws<DomainException>(() => recoveryCase.Assign(People.Ben.UserId, "Ben", " ", Clock.As(People.Sue)));

        recoveryCase.Assign(People.Ben.UserId, "Ben", "Ana is on leave", Clock.As(People.Sue));

        Assert.Equal(People.Ben.UserId, recoveryCase.OwnerId);
        var entry = recoveryCase.Timeline[^1];
        Assert.Equal("Ana → Ben", entry.Details);
        Assert.Equal("Ana is on leave", entry.Note);
        Assert.Equal(People.Sue.UserId, entry.ActorId);
    }

    [Fact]
    public void Assigning_to_the_current_owner_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.Assign(People.Ana.UserId, "Ana", "again", Clock.As(People.Sue)));

        Assert.Equal("This case is already assigned to Ana.", refusal.Message);
    }

    [Fact]
    public void Assigning_a_closed_case_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.Closed);

        var refusal = Assert.Throws<DomainException>(
            () => recoveryCase.Assign(People.Ben.UserId, "Ben", "Follow-up", Clock.As(People.Sue)));

        Assert.Equal("This case is closed; nothing more can be done on it.", refusal.Message);
    }
}
