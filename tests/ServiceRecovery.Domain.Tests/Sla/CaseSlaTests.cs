using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Domain.Tests.Sla;

public class CaseSlaTests
{
    private static readonly SlaPolicy Policy = SlaPolicy.Default; // Moderate: 8 h / 120 h, 24×7

    [Fact]
    public void A_new_case_is_due_for_its_first_response_and_at_risk_at_80_percent()
    {
        var c = CaseBuilder.At(Stage.Logged);

        c.RecomputeSla(Policy);

        Assert.Equal(c.OpenedAt.AddHours(8), c.SlaDueAt);
        Assert.Equal(c.OpenedAt.AddHours(6.4), c.SlaAtRiskAt);
    }

    [Fact]
    public void After_the_apology_the_resolution_target_counts_and_after_the_fix_nothing_is_due()
    {
        var c = CaseBuilder.At(Stage.Apologized);
        c.RecomputeSla(Policy);
        Assert.Equal(Clock.Now, c.FirstRespondedAt);
        Assert.Equal(c.OpenedAt.AddHours(120), c.SlaDueAt);

        CaseBuilder.Perform(c, CaseAction.Listen, Clock.As(People.Ana));
        CaseBuilder.Perform(c, CaseAction.Fix, Clock.As(People.Ana));
        c.RecomputeSla(Policy);

        Assert.Equal(Clock.Now, c.ResolvedAt);
        Assert.Null(c.SlaDueAt);
    }

    [Fact]
    public void Waiting_for_the_customer_pauses_the_clock_and_the_answer_resumes_it_later()
    {
        var c = CaseBuilder.At(Stage.Apologized);

        c.WaitForCustomer("Photos of the damage", Clock.As(People.Ana, Clock.Now.AddHours(1)));
        c.RecomputeSla(Policy);
        Assert.True(c.IsWaitingForCustomer);
        Assert.Null(c.SlaDueAt);
        Assert.Equal("case.waiting_for_customer", c.Timeline[^1].Kind);

        c.CustomerAnswered(Clock.As(People.Ana, Clock.Now.AddHours(11)));
        c.RecomputeSla(Policy);
        Assert.False(c.IsWaitingForCustomer);
        Assert.Equal(c.OpenedAt.AddHours(130), c.SlaDueAt); // 10 h paused
    }

    [Fact]
    public void Waiting_twice_or_answering_when_not_waiting_is_refused()
    {
        var c = CaseBuilder.At(Stage.Apologized);

        Assert.Equal("sla.not_waiting", Assert.Throws<DomainException>(() => c.CustomerAnswered(Clock.As(People.Ana))).Code);
        c.WaitForCustomer("Receipt", Clock.As(People.Ana));
        Assert.Equal("sla.already_waiting", Assert.Throws<DomainException>(() => c.WaitForCustomer("Again", Clock.As(People.Ana))).Code);
    }

    [Fact]
    public void A_closed_case_has_no_deadline()
    {
        var c = CaseBuilder.At(Stage.Closed);

        c.RecomputeSla(Policy);

        Assert.Null(c.SlaDueAt);
        Assert.Null(c.SlaAtRiskAt);
    }
}
