using ServiceRecovery.Web.Features.Cases;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>How long ago something happened, as the case header, the decide page and the queue's SLA column say it.</summary>
public sealed class AgeTextTests
{
    [Theory]
    [InlineData(0.2, "just now")]
    [InlineData(5, "5 min ago")]
    [InlineData(150, "2 h ago")]
    [InlineData(60 * 24, "1 day ago")]
    [InlineData(60 * 24 * 3, "3 days ago")]
    public void A_moment_ago_reads_as_a_phrase_never_just_now_ago(double minutes, string expected) =>
        Assert.Equal(expected, CaseViews.Ago(TimeSpan.FromMinutes(minutes)));
}
