using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Sla;
using static ServiceRecovery.Domain.Tests.Sla.SlaTestTime;

namespace ServiceRecovery.Domain.Tests.Sla;

public class SlaPolicyTests
{
    [Theory]
    [InlineData(Severity.Critical, 1, 24)]
    [InlineData(Severity.Major, 4, 72)]
    [InlineData(Severity.Moderate, 8, 120)]
    [InlineData(Severity.Minor, 24, 168)]
    public void The_default_policy_promises_faster_answers_for_worse_failures(
        Severity severity, int firstResponseHours, int resolutionHours)
    {
        var targets = SlaPolicy.Default.For(severity);

        Assert.Equal(TimeSpan.FromHours(firstResponseHours), targets.FirstResponse);
        Assert.Equal(TimeSpan.FromHours(resolutionHours), targets.Resolution);
        Assert.True(SlaPolicy.Default.Calendar.IsAlwaysOpen);
        Assert.Equal(0.8, SlaPolicy.Default.AtRiskFraction);
    }

    [Fact]
    public void Targets_must_be_longer_than_zero()
    {
        var error = Assert.Throws<ArgumentException>(() => new SlaTargets(TimeSpan.Zero, TimeSpan.FromHours(1)));
        Assert.Contains("first-response target must be longer than zero", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => new SlaTargets(TimeSpan.FromHours(1), TimeSpan.FromHours(-1)));
        Assert.Contains("resolution target must be longer than zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolution_cannot_be_promised_before_the_first_response()
    {
        var error = Assert.Throws<ArgumentException>(() => new SlaTargets(TimeSpan.FromHours(8), TimeSpan.FromHours(4)));

        Assert.Contains("cannot be shorter than the first-response target", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromHours(4), new SlaTargets(TimeSpan.FromHours(4), TimeSpan.FromHours(4)).Resolution);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    public void The_at_risk_share_must_be_between_zero_and_one(double fraction)
    {
        var error = Assert.Throws<ArgumentException>(() => SlaPolicy.Default with { AtRiskFraction = fraction });

        Assert.Contains("at-risk fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_can_switch_the_default_policy_to_business_hours()
    {
        var policy = SlaPolicy.Default with { Calendar = OfficeHours, AtRiskFraction = 0.75 };

        Assert.Same(OfficeHours, policy.Calendar);
        Assert.Equal(0.75, policy.AtRiskFraction);
        Assert.Equal(SlaPolicy.Default.Critical, policy.Critical);
        Assert.Throws<ArgumentException>(() => SlaPolicy.Default with { Calendar = null! });
    }
}
