using ServiceRecovery.Domain.Improvement;

namespace ServiceRecovery.Domain.Tests;

public sealed class RateComparisonTests
{
    private static readonly DateOnly Done = new(2026, 3, 2);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(6, 0)]
    [InlineData(7, 1)]
    [InlineData(20, 2)]
    [InlineData(56, 8)]
    [InlineData(300, 8)]
    [InlineData(-3, 0)]
    public void The_window_is_the_full_weeks_since_done_at_most_eight(int days, int weeks) =>
        Assert.Equal(weeks, RateComparison.WindowWeeks(Done, Done.AddDays(days)));

    [Fact]
    public void Under_two_weeks_it_is_too_early_to_tell_whatever_the_counts()
    {
        var one = new RateComparison(Done, 1, 9, 0);
        Assert.True(one.TooEarly);
        Assert.False(one.FellClearly);
        Assert.Equal("Too early to tell: only 1 week since it was done (9 cases in 1 week before, 0 in 1 week after).", one.Verdict);
    }

    [Fact]
    public void A_clear_fall_is_called_with_the_counts()
    {
        var c = new RateComparison(Done, 4, 4, 1);
        Assert.True(c.FellClearly);
        Assert.Equal(1m, c.RateBefore);
        Assert.Equal(0.25m, c.RateAfter);
        Assert.Equal("Fewer cases since it was done: 4 cases in 4 weeks before, 1 in 4 weeks after.", c.Verdict);
        Assert.Equal(new DateOnly(2026, 2, 2), c.BeforeFrom);
        Assert.Equal(new DateOnly(2026, 3, 30), c.AfterTo);
    }

    [Theory]
    [InlineData(3, 1)] // two fewer: noise
    [InlineData(10, 7)] // three fewer but not half
    [InlineData(2, 2)]
    public void Small_differences_are_no_clear_change(int before, int after)
    {
        var c = new RateComparison(Done, 4, before, after);
        Assert.False(c.FellClearly);
        Assert.StartsWith("No clear change yet", c.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clear_rise_is_called_a_rise() =>
        Assert.StartsWith("More cases since it was done: 1 case in 3 weeks before, 5 in 3 weeks after", new RateComparison(Done, 3, 1, 5).Verdict, StringComparison.Ordinal);
}
