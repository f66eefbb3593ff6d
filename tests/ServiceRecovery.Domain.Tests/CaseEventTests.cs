using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Tests;

/// <summary>The case owns its consequences: its SLA deadlines follow every change, and it says what happened (events).</summary>
public class CaseEventTests
{
    private static ActionContext WithPolicy(Actor actor) => Clock.As(actor) with { Sla = SlaPolicy.Default };

    [Fact]
    public void With_the_policy_in_the_context_a_case_keeps_its_deadlines_up_to_date_by_itself()
    {
        var c = CaseBuilder.Logged(owner: People.Ana, loggedBy: People.Ana);
        Assert.Null(c.SlaDueAt); // logged without a policy (CaseBuilder): nothing computed

        c.Apologize("I'm so sorry.", [], WithPolicy(People.Ana));
        Assert.Equal(c.OpenedAt.AddHours(120), c.SlaDueAt); // Moderate: resolution due

        c.WaitForCustomer("A photo of the receipt", WithPolicy(People.Ana));
        Assert.Null(c.SlaDueAt); // paused, nothing breached

        c.CustomerAnswered(WithPolicy(People.Ana));
        c.Listen("Upset", null, WithPolicy(People.Ana));
        c.Fix("Replaced", true, WithPolicy(People.Ana));
        Assert.Null(c.SlaDueAt); // resolved
    }

    [Fact]
    public void Logging_raises_CaseLogged_and_every_later_change_a_StepRecorded()
    {
        var c = CaseBuilder.Logged(owner: People.Ana);
        var logged = Assert.IsType<CaseLogged>(Assert.Single(c.Events));
        Assert.Equal((c.Id, c.Reference, CaseBuilder.CustomerId, true), (logged.CaseId, logged.Reference, logged.CustomerId, logged.Assigned));
        c.ClearEvents();

        CaseBuilder.Perform(c, CaseAction.Apologize, Clock.As(People.Ana));

        var step = Assert.IsType<StepRecorded>(Assert.Single(c.Events));
        Assert.Equal((TimelineKinds.Apologized, Stage.Logged, Stage.Apologized, People.Ana.UserId), (step.Kind, step.From, step.To, step.ActorId));
    }

    [Theory]
    [InlineData(Stage.Closed, CaseOutcome.Recovered)]
    [InlineData(Stage.ClosedWithoutRecovery, CaseOutcome.Unsatisfied)]
    [InlineData(Stage.Withdrawn, CaseOutcome.Withdrawn)]
    public void Reaching_an_end_raises_CaseClosed_with_the_outcome(Stage end, CaseOutcome outcome)
    {
        var c = CaseBuilder.At(end);

        var closed = Assert.Single(c.Events.OfType<CaseClosed>());

        Assert.Equal((end, outcome, CaseBuilder.CustomerId), (closed.Stage, closed.Outcome, closed.CustomerId));
    }

    [Fact]
    public void A_gesture_that_waits_raises_GestureProposed_with_why_and_a_raise_raises_another()
    {
        var c = CaseBuilder.At(Stage.Fixed);
        c.ClearEvents();

        c.RecordAtonement(GestureType.Refund, 200m, "EUR", "Two nights", Power.Of(50m), Clock.As(People.Ana));
        var proposed = Assert.Single(c.Events.OfType<GestureProposed>());
        Assert.Equal((200m, "above the proposer's limit of 50.00 EUR", People.Ana.UserId), (proposed.Amount, proposed.Because, proposed.ProposedById));

        c.ClearEvents();
        c.ProposeHigherAmount(300m, "A family of four", 500m, Clock.As(People.Sue));
        Assert.Equal(300m, Assert.Single(c.Events.OfType<GestureProposed>()).Amount);
    }

    [Fact]
    public void A_refused_intention_raises_nothing()
    {
        var c = CaseBuilder.At(Stage.Logged);
        c.ClearEvents();

        Assert.Throws<DomainException>(() => CaseBuilder.Perform(c, CaseAction.Fix, Clock.As(People.Ana)));

        Assert.Empty(c.Events);
    }
}
