using ServiceRecovery.Domain.Insights;

namespace ServiceRecovery.Domain.Tests.Insights;

public class MaturityStageTests
{
    private static readonly MaturityThresholds T = MaturityThresholds.Default; // 0.95 / 0.80 / 0.80 / 0.95

    /// <summary>20 cases: 19 owned (95 %), 10 responses with 8 on time (80 %), 10 closed, no web form.</summary>
    private static MaturityFacts Listening(int owned = 19, int metSla = 8) => new(
        CasesLogged: 20, CasesWithOwner: owned, FirstResponses: 10, FirstResponsesMetSla: metSla, CasesClosed: 10, WebCases: 0);

    private static MaturityFacts Solicitous(int surveyed = 8) => Listening() with { ClosedWithSurveySent = surveyed };

    private static MaturityFacts Infused(int rootCaused = 19, int causes = 5, int causesOwned = 5, int done = 1) => Listening() with
    {
        CasesClosed = 20,
        ClosedWithSurveySent = 16,
        ClosedWithRootCause = rootCaused,
        ActiveCauses = causes,
        ActiveCausesWithOwner = causesOwned,
        ImprovementActionsDoneWithFall = done,
    };

    [Fact]
    public void No_case_logged_is_moribund_and_logging_is_what_is_missing()
    {
        var a = MaturityStage.Assess(new MaturityFacts(0, 0, 0, 0, 0, 0), T);

        Assert.Equal(MaturityLevel.Moribund, a.Stage);
        Assert.Equal(MaturityLevel.Reactive, a.Next);
        Assert.Equal("Complaints are logged", Assert.Single(a.Missing).Rule);
    }

    [Fact]
    public void One_case_logged_is_reactive()
    {
        var a = MaturityStage.Assess(new MaturityFacts(1, 0, 0, 0, 0, 0), T);

        Assert.Equal(MaturityLevel.Reactive, a.Stage);
        Assert.Equal(2, a.Missing.Count); // owner coverage and first-response SLA
    }

    [Theory]
    [InlineData(18, MaturityLevel.Reactive)] // 90 %: just below 95 %
    [InlineData(19, MaturityLevel.ActiveListening)] // exactly 95 %
    [InlineData(20, MaturityLevel.ActiveListening)] // above
    public void Owner_coverage_boundary(int owned, MaturityLevel expected)
    {
        var a = MaturityStage.Assess(Listening(owned: owned), T);

        Assert.Equal(expected, a.Stage);
        if (expected == MaturityLevel.Reactive)
        {
            var missing = Assert.Single(a.Missing);
            Assert.Contains("have an owner", missing.Rule, StringComparison.Ordinal);
            Assert.Equal("90 % (18 of 20)", missing.Measured);
        }
    }

    [Theory]
    [InlineData(7, MaturityLevel.Reactive)] // 70 %
    [InlineData(8, MaturityLevel.ActiveListening)] // exactly 80 %
    [InlineData(9, MaturityLevel.ActiveListening)]
    public void First_response_sla_boundary(int met, MaturityLevel expected) =>
        Assert.Equal(expected, MaturityStage.Assess(Listening(metSla: met), T).Stage);

    [Fact]
    public void Without_any_first_response_the_sla_condition_is_not_met()
    {
        var a = MaturityStage.Assess(Listening() with { FirstResponses = 0, FirstResponsesMetSla = 0 }, T);

        Assert.Equal(MaturityLevel.Reactive, a.Stage);
        Assert.Equal("no case to measure", Assert.Single(a.Missing).Measured);
    }

    [Theory]
    [InlineData(7, MaturityLevel.ActiveListening)]
    [InlineData(8, MaturityLevel.Solicitous)]
    [InlineData(10, MaturityLevel.Solicitous)]
    public void Survey_coverage_boundary(int surveyed, MaturityLevel expected) =>
        Assert.Equal(expected, MaturityStage.Assess(Solicitous(surveyed), T).Stage);

    [Fact]
    public void Surveys_unknown_but_the_public_form_in_use_is_solicitous()
    {
        Assert.Equal(MaturityLevel.ActiveListening, MaturityStage.Assess(Listening(), T).Stage);
        var a = MaturityStage.Assess(Listening() with { WebCases = 1 }, T);

        Assert.Equal(MaturityLevel.Solicitous, a.Stage);
        Assert.Contains(a.Reasons, r => r.Rule.Contains("public complaint form", StringComparison.Ordinal));
        Assert.Equal(3, a.Missing.Count); // all three stage-5 conditions: nothing measured yet
        Assert.All(a.Missing, m => Assert.Equal("not measured yet", m.Measured));
    }

    [Fact]
    public void When_neither_alternative_holds_both_are_listed_as_missing()
    {
        var a = MaturityStage.Assess(Solicitous(7), T);

        Assert.Equal(MaturityLevel.ActiveListening, a.Stage);
        Assert.Equal(2, a.Missing.Count);
        Assert.Equal("70 % (7 of 10)", a.Missing[0].Measured);
    }

    [Theory]
    [InlineData(18, MaturityLevel.Solicitous)] // 90 %
    [InlineData(19, MaturityLevel.Infused)] // 95 %
    [InlineData(20, MaturityLevel.Infused)]
    public void Root_cause_coverage_boundary(int rootCaused, MaturityLevel expected) =>
        Assert.Equal(expected, MaturityStage.Assess(Infused(rootCaused: rootCaused), T).Stage);

    [Theory]
    [InlineData(5, 4, 1, MaturityLevel.Solicitous)] // one cause without an owner
    [InlineData(5, 5, 0, MaturityLevel.Solicitous)] // no improvement action with a fall
    [InlineData(0, 0, 1, MaturityLevel.Solicitous)] // no active cause at all
    [InlineData(5, 5, 1, MaturityLevel.Infused)]
    public void Infused_needs_owned_causes_and_an_improvement_with_a_fall(int causes, int owned, int done, MaturityLevel expected)
    {
        var a = MaturityStage.Assess(Infused(causes: causes, causesOwned: owned, done: done), T);

        Assert.Equal(expected, a.Stage);
        Assert.Equal(expected == MaturityLevel.Infused, a.Next is null);
        Assert.Equal(expected == MaturityLevel.Infused ? 0 : 1, a.Missing.Count);
    }

    [Fact]
    public void A_stage_needs_every_stage_below_it()
    {
        // Perfect root causes and surveys, but too few owners: stuck at Reactive.
        var a = MaturityStage.Assess(Infused() with { CasesWithOwner = 10 }, T);

        Assert.Equal(MaturityLevel.Reactive, a.Stage);
    }

    [Fact]
    public void Thresholds_come_from_the_caller()
    {
        var strict = T with { OwnerCoverage = 1.0 };

        Assert.Equal(MaturityLevel.Reactive, MaturityStage.Assess(Listening(owned: 19), strict).Stage);
        Assert.Equal(MaturityLevel.ActiveListening, MaturityStage.Assess(Listening(owned: 20), strict).Stage);
    }
}
