using ServiceRecovery.Domain.Sla;
using static ServiceRecovery.Domain.Tests.Sla.SlaTestTime;

namespace ServiceRecovery.Domain.Tests.Sla;

public class SlaClockTests
{
    private static DateTimeOffset Opened { get; } = Utc(2025, 6, 2, 8); // a Monday

    [Fact]
    public void Without_pauses_the_clock_shows_the_business_time_since_the_start()
    {
        var clock = new SlaClock(BusinessCalendar.AlwaysOpen, Opened);

        Assert.Equal(TimeSpan.FromHours(5), clock.ElapsedAt(Opened.AddHours(5)));
        Assert.Equal(TimeSpan.Zero, clock.ElapsedAt(Opened.AddHours(-1)));
        Assert.Equal(Opened.AddHours(3), clock.WhenElapsedReaches(TimeSpan.FromHours(3)));
        Assert.False(clock.IsStopped);
    }

    [Fact]
    public void A_finished_pause_is_not_counted_and_moves_the_due_time_by_its_length()
    {
        var clock = new SlaClock(BusinessCalendar.AlwaysOpen, Opened, [new SlaPause(Opened.AddHours(1), Opened.AddHours(3))]);

        Assert.Equal(TimeSpan.FromHours(1), clock.ElapsedAt(Opened.AddHours(2)));
        Assert.Equal(TimeSpan.FromHours(4), clock.ElapsedAt(Opened.AddHours(6)));
        Assert.Equal(Opened.AddHours(6), clock.WhenElapsedReaches(TimeSpan.FromHours(4)));
        Assert.Equal(Opened.AddMinutes(30), clock.WhenElapsedReaches(TimeSpan.FromMinutes(30)));
        Assert.True(clock.IsPausedAt(Opened.AddHours(1)));
        Assert.False(clock.IsPausedAt(Opened.AddHours(3)));
    }

    [Fact]
    public void An_open_pause_stops_the_clock_until_further_notice()
    {
        var clock = new SlaClock(BusinessCalendar.AlwaysOpen, Opened, [new SlaPause(Opened.AddHours(1))]);

        Assert.True(clock.IsStopped);
        Assert.Equal(TimeSpan.FromHours(1), clock.ElapsedAt(Opened.AddDays(30)));
        Assert.Null(clock.WhenElapsedReaches(TimeSpan.FromHours(2)));
        Assert.Equal(Opened.AddHours(1), clock.WhenElapsedReaches(TimeSpan.FromHours(1))); // reached as it stopped
    }

    [Fact]
    public void Overlapping_pauses_are_merged_and_not_subtracted_twice()
    {
        var clock = new SlaClock(
            BusinessCalendar.AlwaysOpen,
            Opened,
            [
                new SlaPause(Opened.AddHours(2), Opened.AddHours(4)),
                new SlaPause(Opened.AddHours(1), Opened.AddHours(3)),
                new SlaPause(Opened.AddHours(2), Opened.AddHours(2.5)),
                new SlaPause(Opened.AddHours(4), Opened.AddHours(5)), // touching: continues the same pause
            ]);

        var merged = Assert.Single(clock.Pauses);
        Assert.Equal(new SlaPause(Opened.AddHours(1), Opened.AddHours(5)), merged);
        Assert.Equal(TimeSpan.FromHours(2), clock.ElapsedAt(Opened.AddHours(6)));
    }

    [Fact]
    public void An_open_pause_swallows_any_pause_after_its_start()
    {
        var clock = new SlaClock(
            BusinessCalendar.AlwaysOpen,
            Opened,
            [new SlaPause(Opened.AddHours(2), Opened.AddHours(3)), new SlaPause(Opened.AddHours(1))]);

        Assert.Equal(new SlaPause(Opened.AddHours(1)), Assert.Single(clock.Pauses));
        Assert.True(clock.IsStopped);
    }

    [Fact]
    public void Pauses_before_the_start_are_ignored_and_one_spanning_the_start_is_cut_at_the_start()
    {
        var clock = new SlaClock(
            BusinessCalendar.AlwaysOpen,
            Opened,
            [new SlaPause(Opened.AddHours(-5), Opened.AddHours(-4)), new SlaPause(Opened.AddHours(-1), Opened.AddHours(1))]);

        Assert.Equal(new SlaPause(Opened, Opened.AddHours(1)), Assert.Single(clock.Pauses));
        Assert.Equal(TimeSpan.FromHours(2), clock.ElapsedAt(Opened.AddHours(3)));
    }

    [Fact]
    public void A_pause_over_a_weekend_only_subtracts_the_business_hours_it_covers()
    {
        var opened = InLondon(2025, 6, 13, 9); // Friday 09:00
        var pause = new SlaPause(InLondon(2025, 6, 13, 16), InLondon(2025, 6, 16, 10)); // Friday 16:00 - Monday 10:00
        var clock = new SlaClock(OfficeHours, opened, [pause]);

        // Friday 09-17 and Monday 09-12 = 11 business hours, minus the 2 paused business hours (Fri 16-17, Mon 9-10).
        Assert.Equal(TimeSpan.FromHours(9), clock.ElapsedAt(InLondon(2025, 6, 16, 12)));
        Assert.Equal(InLondon(2025, 6, 16, 13), clock.WhenElapsedReaches(TimeSpan.FromHours(10)));
    }

    [Fact]
    public void The_clock_as_known_at_a_moment_ignores_later_pauses_and_treats_a_running_one_as_open()
    {
        var clock = new SlaClock(
            BusinessCalendar.AlwaysOpen,
            Opened,
            [new SlaPause(Opened.AddHours(1), Opened.AddHours(3)), new SlaPause(Opened.AddHours(5), Opened.AddHours(6))]);

        var atTwo = clock.AsOf(Opened.AddHours(2));

        Assert.Equal(new SlaPause(Opened.AddHours(1)), Assert.Single(atTwo.Pauses));
        Assert.Null(atTwo.WhenElapsedReaches(TimeSpan.FromHours(2)));
        Assert.Equal(2, clock.AsOf(Opened.AddHours(7)).Pauses.Count);
    }

    [Fact]
    public void The_due_time_and_the_elapsed_time_agree_for_random_pauses_in_office_hours()
    {
        var random = new Random(1066);
        for (var i = 0; i < 200; i++)
        {
            var opened = Utc(2025, 1, 1, 0).AddMinutes(random.Next(0, 365 * 24 * 60));
            var pauses = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => opened.AddMinutes(random.Next(0, 14 * 24 * 60)))
                .Select(start => new SlaPause(start, start.AddMinutes(random.Next(0, 4 * 24 * 60))))
                .ToList();
            var clock = new SlaClock(LunchBreakHours, opened, pauses);
            var target = TimeSpan.FromMinutes(random.Next(1, 60 * 60));

            var due = Assert.NotNull(clock.WhenElapsedReaches(target));

            Assert.Equal(target, clock.ElapsedAt(due));
            Assert.True(clock.ElapsedAt(due.AddTicks(-1)) < target);
        }
    }

    [Fact]
    public void A_pause_cannot_end_before_it_starts()
    {
        var error = Assert.Throws<ArgumentException>(() => new SlaPause(Opened, Opened.AddMinutes(-1)));

        Assert.Contains("cannot end", error.Message, StringComparison.Ordinal);
    }
}
