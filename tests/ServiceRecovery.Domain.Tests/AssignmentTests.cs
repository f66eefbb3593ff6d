using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

/// <summary>Returning a case to the unassigned pool (assigning is covered in <see cref="AccessAndTimelineTests"/>).</summary>
public class AssignmentTests
{
    public static TheoryData<Actor> SupervisorsAndManagers() => [People.Sue, People.Max];

    [Theory]
    [MemberData(nameof(SupervisorsAndManagers))]
    public void A_supervisor_or_manager_returns_a_case_to_the_pool_with_a_reason_on_the_timeline(Actor actor)
    {
        var recoveryCase = CaseBuilder.At(Stage.Listened, owner: People.Ana);
        var before = recoveryCase.Timeline.Count;
        var ctx = Clock.As(actor, Clock.Now.AddHours(1));

        recoveryCase.Unassign("  Ana moved to the night shift  ", ctx);

        Assert.Null(recoveryCase.OwnerId);
        Assert.Null(recoveryCase.OwnerName);
        Assert.Equal(Stage.Listened, recoveryCase.Stage);
        Assert.Equal(before + 1, recoveryCase.Timeline.Count);
        var entry = recoveryCase.Timeline[^1];
        Assert.Equal(TimelineKinds.Unassigned, entry.Kind);
        Assert.Equal("Returned the case to the unassigned pool", entry.Summary);
        Assert.Equal("Ana → unassigned", entry.Details);
        Assert.Equal("Ana moved to the night shift", entry.Note);
        Assert.Equal(actor.UserId, entry.ActorId);
        Assert.Equal(ctx.Now, entry.At);
        Assert.Equal(ctx.RequestId, entry.RequestId);
        Assert.Null(entry.FromStage);
        Assert.Null(entry.ToStage);
        Assert.Equal(recoveryCase.LastTimelineSequence, entry.Sequence);
    }

    [Fact]
    public void A_case_back_in_the_pool_can_be_taken_by_frontline()
    {
        var recoveryCase = CaseBuilder.At(Stage.Apologized, owner: People.Ana);
        recoveryCase.Unassign("Ana is off sick", Clock.As(People.Sue));
        Assert.True(recoveryCase.MayBeActedOnBy(People.Ben));

        recoveryCase.Assign(People.Ben.UserId, "Ben", null, Clock.As(People.Ben));

        Assert.Equal(People.Ben.UserId, recoveryCase.OwnerId);
        Assert.Equal("unassigned → Ben", recoveryCase.Timeline[^1].Details);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_reason_is_required(string? reason)
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.Unassign(reason, Clock.As(People.Sue)));

        Assert.Equal("The reason for returning the case to the unassigned pool is required.", refusal.Message);
        Assert.Equal("validation.required", refusal.Code);
        Assert.Equal(People.Ana.UserId, recoveryCase.OwnerId);
        Assert.Single(recoveryCase.Timeline);
    }

    [Fact]
    public void A_reason_longer_than_the_free_text_limit_is_refused()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.Unassign(new string('x', FieldLimits.FreeText + 1), Clock.As(People.Sue)));

        Assert.Equal("validation.too_long", refusal.Code);
        Assert.Equal(People.Ana.UserId, recoveryCase.OwnerId);
    }

    public static TheoryData<Actor> NotSupervisors() => [People.Ana, People.Ben, People.Ada, People.Nobody];

    [Theory]
    [MemberData(nameof(NotSupervisors))]
    public void Only_supervisors_and_managers_may_return_a_case_to_the_pool(Actor actor)
    {
        // Frontline (even the owner), Admin (who may act on any case) and someone without a role are all refused.
        var recoveryCase = CaseBuilder.At(Stage.Logged, owner: People.Ana);

        var refusal = Assert.Throws<CaseAccessDeniedException>(() => recoveryCase.Unassign("Too busy", Clock.As(actor)));

        Assert.Equal("Only a supervisor can return a case to the unassigned pool.", refusal.Message);
        Assert.Equal(CaseAccessDeniedException.AccessDeniedCode, refusal.Code);
        Assert.Equal(People.Ana.UserId, recoveryCase.OwnerId);
        Assert.Single(recoveryCase.Timeline);
    }

    [Fact]
    public void An_unassigned_case_cannot_be_returned_to_the_pool_again()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged, unassigned: true);

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.Unassign("Again", Clock.As(People.Sue)));

        Assert.Equal("This case is already in the unassigned pool.", refusal.Message);
        Assert.Equal("case.already_unassigned", refusal.Code);
        Assert.Single(recoveryCase.Timeline);
    }

    [Theory]
    [InlineData(Stage.Closed, "This case is closed; nothing more can be done on it.")]
    [InlineData(Stage.ClosedWithoutRecovery)]
    [InlineData(Stage.Withdrawn)]
    public void A_finished_case_stays_with_its_owner(Stage stage, string? message = null)
    {
        var recoveryCase = CaseBuilder.At(stage);
        var entries = recoveryCase.Timeline.Count;

        var refusal = Assert.Throws<DomainException>(() => recoveryCase.Unassign("Tidy up", Clock.As(People.Sue)));

        Assert.IsNotType<CaseAccessDeniedException>(refusal);
        Assert.Equal("case.transition_refused", refusal.Code);
        if (message is not null)
        {
            Assert.Equal(message, refusal.Message);
        }

        Assert.Equal(People.Ana.UserId, recoveryCase.OwnerId);
        Assert.Equal(entries, recoveryCase.Timeline.Count);
    }

    public static TheoryData<Actor, bool, Stage, OwnerChange> OwnerChanges() => new()
    {
        { People.Sue, false, Stage.Listened, OwnerChange.Reassign },
        { People.Sue, true, Stage.Logged, OwnerChange.Reassign },
        { People.Max, false, Stage.FollowUpDue, OwnerChange.Reassign },
        { People.Ben, true, Stage.Apologized, OwnerChange.Take },
        { People.Ben, false, Stage.Apologized, OwnerChange.None }, // Ana's case
        { People.Ana, false, Stage.Apologized, OwnerChange.None }, // her own: only a supervisor reassigns it
        { People.Ada, true, Stage.Logged, OwnerChange.None }, // Admin acts on any case but does not assign
        { People.Nobody, true, Stage.Logged, OwnerChange.None },
        { People.Sue, false, Stage.Closed, OwnerChange.None },
        { People.Sue, false, Stage.Withdrawn, OwnerChange.None },
    };

    [Theory]
    [MemberData(nameof(OwnerChanges))]
    public void The_owner_change_offered_matches_what_assign_and_unassign_accept(Actor actor, bool unassigned, Stage stage, OwnerChange expected)
    {
        var recoveryCase = CaseBuilder.At(stage, unassigned: unassigned);

        Assert.Equal(expected, recoveryCase.OwnerChangeFor(actor));

        var ctx = Clock.As(actor);
        var taking = Record.Exception(() => recoveryCase.Assign(actor.UserId, actor.Name, "Covering", ctx));
        Assert.Equal(expected != OwnerChange.None, taking is null);
        if (expected == OwnerChange.Reassign)
        {
            recoveryCase.Unassign("Back to the pool", ctx);
            Assert.Null(recoveryCase.OwnerId);
        }
    }

    [Fact]
    public void Every_timeline_kind_is_a_distinct_case_kind()
    {
        var kinds = typeof(TimelineKinds).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Contains(TimelineKinds.Unassigned, kinds);
        Assert.All(kinds, k => Assert.StartsWith("case.", k, StringComparison.Ordinal));
        Assert.Equal(kinds.Count, kinds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(kinds, k => Assert.True(k.Length <= 64, $"{k} is longer than the timeline's kind column"));
    }
}

public class CaseAccessTests
{
    [Fact]
    public void The_list_filter_agrees_with_who_may_act_on_a_case()
    {
        Actor[] people = [People.Ana, People.Ben, People.Sue, People.Max, People.Ada, People.Nobody];
        RecoveryCase[] cases = [CaseBuilder.At(Stage.Fixed, owner: People.Ana), CaseBuilder.At(Stage.Listened, unassigned: true), CaseBuilder.At(Stage.Closed, owner: People.Ben)];
        foreach (var actor in people)
        {
            var filter = CaseAccess.ActableBy(actor).Compile();
            foreach (var c in cases)
            {
                Assert.Equal(c.MayBeActedOnBy(actor), filter(c));
            }
        }

        Assert.Equal(2, cases.Count(CaseAccess.ActableBy(People.Ana).Compile())); // her own and the unassigned one
    }
}
