using ServiceRecovery.Domain.Sla;
using static ServiceRecovery.Domain.Tests.Sla.SlaTestTime;

namespace ServiceRecovery.Domain.Tests.Sla;

public class BusinessCalendarTests
{
    // 2025 in Europe/London: clocks go forward Sunday 30 March 01:00 GMT -> 02:00 BST,
    // and back Sunday 26 October 02:00 BST -> 01:00 GMT.

    [Fact]
    public void Always_open_counts_every_real_hour()
    {
        var from = Utc(2025, 6, 2, 10);

        Assert.Equal(TimeSpan.FromHours(30), BusinessCalendar.AlwaysOpen.BusinessTimeBetween(from, from.AddHours(30)));
        Assert.Equal(from.AddHours(30), BusinessCalendar.AlwaysOpen.AddBusinessTime(from, TimeSpan.FromHours(30)));
        Assert.True(BusinessCalendar.AlwaysOpen.IsAlwaysOpen);
    }

    [Fact]
    public void Business_time_is_zero_when_the_end_is_not_after_the_start()
    {
        var at = InLondon(2025, 6, 2, 10);

        Assert.Equal(TimeSpan.Zero, OfficeHours.BusinessTimeBetween(at, at));
        Assert.Equal(TimeSpan.Zero, OfficeHours.BusinessTimeBetween(at, at.AddHours(-3)));
        Assert.Equal(TimeSpan.Zero, BusinessCalendar.AlwaysOpen.BusinessTimeBetween(at, at.AddHours(-3)));
    }

    [Fact]
    public void Only_opening_hours_count_within_a_day_and_across_a_weekend()
    {
        // Friday 16:30 to Monday 09:30: 30 minutes on Friday, 30 on Monday.
        Assert.Equal(
            TimeSpan.FromHours(1),
            OfficeHours.BusinessTimeBetween(InLondon(2025, 6, 13, 16, 30), InLondon(2025, 6, 16, 9, 30)));
        Assert.Equal(
            TimeSpan.FromHours(8),
            OfficeHours.BusinessTimeBetween(InLondon(2025, 6, 16, 6), InLondon(2025, 6, 16, 23)));
    }

    [Fact]
    public void An_hour_added_on_Friday_at_16_30_ends_on_Monday_at_09_30()
    {
        var due = OfficeHours.AddBusinessTime(InLondon(2025, 6, 13, 16, 30), TimeSpan.FromHours(1));

        Assert.Equal(InLondon(2025, 6, 16, 9, 30), due);
        Assert.Equal(London.GetUtcOffset(due), due.Offset); // expressed in the calendar's time zone
    }

    [Fact]
    public void Outside_opening_hours_the_clock_starts_at_the_next_opening()
    {
        var saturday = InLondon(2025, 6, 14, 11);

        Assert.Equal(InLondon(2025, 6, 16, 9), OfficeHours.NextOpening(saturday));
        Assert.Equal(InLondon(2025, 6, 16, 10), OfficeHours.AddBusinessTime(saturday, TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.Zero, OfficeHours.BusinessTimeBetween(saturday, InLondon(2025, 6, 16, 9)));
        Assert.False(OfficeHours.IsOpenAt(saturday));
        Assert.True(OfficeHours.IsOpenAt(InLondon(2025, 6, 16, 9)));
        Assert.False(OfficeHours.IsOpenAt(InLondon(2025, 6, 16, 17)));
    }

    [Fact]
    public void Adding_time_that_runs_out_exactly_at_closing_ends_at_closing_not_at_the_next_opening()
    {
        Assert.Equal(
            InLondon(2025, 6, 13, 17),
            OfficeHours.AddBusinessTime(InLondon(2025, 6, 13, 16), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Lunch_break_is_not_counted_and_time_added_before_lunch_continues_after_it()
    {
        Assert.Equal(
            TimeSpan.FromHours(7),
            LunchBreakHours.BusinessTimeBetween(InLondon(2025, 6, 16, 0), InLondon(2025, 6, 17, 0)));
        Assert.Equal(
            TimeSpan.FromHours(2),
            LunchBreakHours.BusinessTimeBetween(InLondon(2025, 6, 16, 11), InLondon(2025, 6, 16, 14)));
        Assert.Equal(
            InLondon(2025, 6, 16, 14),
            LunchBreakHours.AddBusinessTime(InLondon(2025, 6, 16, 11), TimeSpan.FromHours(2)));
        Assert.Equal(
            InLondon(2025, 6, 16, 13, 30),
            LunchBreakHours.AddBusinessTime(InLondon(2025, 6, 16, 12, 15), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void The_same_opening_hours_in_New_York_and_London_give_different_instants()
    {
        var fridayEvening = Utc(2025, 6, 13, 20); // 21:00 in London (closed), 16:00 in New York (open)

        var london = OfficeHoursIn(London).AddBusinessTime(fridayEvening, TimeSpan.FromHours(1));
        var newYork = OfficeHoursIn(NewYork).AddBusinessTime(fridayEvening, TimeSpan.FromHours(1));

        Assert.Equal(InLondon(2025, 6, 16, 10), london);
        Assert.Equal(At(NewYork, 2025, 6, 13, 17), newYork);
        Assert.NotEqual(london, newYork);
    }

    [Fact]
    public void Early_Sunday_hours_on_the_spring_forward_day_are_one_real_hour_shorter()
    {
        var calendar = SundayOnly(Hours(0, 4));
        var sunday = Utc(2025, 3, 30, 0); // 00:00 GMT

        // 00:00 GMT to 04:00 BST is three real hours.
        Assert.Equal(TimeSpan.FromHours(3), calendar.BusinessTimeBetween(sunday.AddDays(-1), sunday.AddDays(1)));
        Assert.Equal(Utc(2025, 3, 30, 3), calendar.AddBusinessTime(sunday.AddHours(-5), TimeSpan.FromHours(3)));
    }

    [Fact]
    public void Opening_hours_that_start_in_the_skipped_hour_start_when_the_clocks_have_gone_forward()
    {
        // 01:30 does not exist on 30 March; the shop is open from 02:00 BST (01:00 UTC) to 03:00 BST.
        var calendar = SundayOnly(new OpeningHours(new TimeOnly(1, 30), new TimeOnly(3, 0)));
        var saturday = Utc(2025, 3, 29, 12);

        Assert.Equal(TimeSpan.FromHours(1), calendar.BusinessTimeBetween(saturday, saturday.AddDays(2)));
        Assert.Equal(Utc(2025, 3, 30, 1), calendar.NextOpening(saturday));
    }

    [Fact]
    public void Early_Sunday_hours_on_the_fall_back_day_are_one_real_hour_longer()
    {
        var calendar = SundayOnly(Hours(0, 4));
        var sunday = Utc(2025, 10, 25, 23); // 00:00 BST on the 26th

        // 00:00 BST to 04:00 GMT is five real hours; 01:30 happens twice but counts once per real hour.
        Assert.Equal(TimeSpan.FromHours(5), calendar.BusinessTimeBetween(sunday.AddDays(-1), sunday.AddDays(1)));
        Assert.Equal(Utc(2025, 10, 26, 4), calendar.AddBusinessTime(sunday, TimeSpan.FromHours(5)));
    }

    [Fact]
    public void Hours_closing_at_an_ambiguous_time_close_at_its_first_occurrence()
    {
        var calendar = SundayOnly(new OpeningHours(new TimeOnly(0, 0), new TimeOnly(1, 30)));
        var saturday = Utc(2025, 10, 25, 12);

        // 00:00 BST (23:00 UTC) to the first 01:30 (BST, 00:30 UTC).
        Assert.Equal(TimeSpan.FromMinutes(90), calendar.BusinessTimeBetween(saturday, saturday.AddDays(2)));
    }

    [Theory]
    [InlineData(2025, 3, 23)] // the week the clocks go forward
    [InlineData(2025, 10, 19)] // the week the clocks go back
    [InlineData(2025, 6, 1)]
    public void A_weekly_calendar_open_all_day_every_day_counts_like_24x7_across_daylight_saving_changes(
        int year, int month, int day)
    {
        var allDay = BusinessCalendar.Weekly(
            London, Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<OpeningHours>)[OpeningHours.AllDay]));
        var from = InLondon(year, month, day, 7, 15);
        var to = from.AddDays(9).AddMinutes(17);

        Assert.Equal(to - from, allDay.BusinessTimeBetween(from, to));
        Assert.Equal(to, allDay.AddBusinessTime(from, to - from));
    }

    [Fact]
    public void A_ninety_day_span_is_computed_at_once()
    {
        var from = InLondon(2025, 1, 6, 0); // a Monday; the span crosses the spring-forward weekend
        var to = from.AddDays(90); // Sunday 6 April

        var counted = OfficeHours.BusinessTimeBetween(from, to);
        var end = OfficeHours.AddBusinessTime(from, counted);

        Assert.Equal(TimeSpan.FromHours(13 * 5 * 8), counted);
        Assert.Equal(InLondon(2025, 4, 4, 17), end);
    }

    [Fact]
    public void Adding_business_time_and_counting_it_back_agree_for_random_instants()
    {
        var random = new Random(20250330);
        var yearStart = Utc(2025, 1, 1, 0);
        for (var i = 0; i < 500; i++)
        {
            // Random instants over the whole year (so both daylight-saving changes are crossed) to the second,
            // sometimes exactly on an opening or closing time.
            var from = yearStart.AddSeconds(random.Next(0, 365 * 24 * 3600));
            if (i % 10 == 0)
            {
                from = InLondon(from.Year, from.Month, from.Day, random.Next(2) == 0 ? 9 : 17);
            }

            var amount = TimeSpan.FromSeconds(random.Next(0, 90 * 3600));
            var due = LunchBreakHours.AddBusinessTime(from, amount);

            Assert.Equal(amount, LunchBreakHours.BusinessTimeBetween(from, due));
            Assert.True(due >= from);
            if (amount > TimeSpan.Zero)
            {
                // The earliest such instant: a moment earlier, less time had elapsed.
                Assert.True(LunchBreakHours.BusinessTimeBetween(from, due.AddTicks(-1)) < amount);
            }

            var other = from.AddSeconds(random.Next(0, 30 * 24 * 3600));
            var counted = LunchBreakHours.BusinessTimeBetween(from, other);
            Assert.True(LunchBreakHours.AddBusinessTime(from, counted) <= other);
            Assert.Equal(
                counted,
                LunchBreakHours.BusinessTimeBetween(from, due) + LunchBreakHours.BusinessTimeBetween(due, other)
                - LunchBreakHours.BusinessTimeBetween(other, due));
        }
    }

    [Fact]
    public void Opening_hours_must_close_after_they_open()
    {
        var error = Assert.Throws<ArgumentException>(() => new OpeningHours(new TimeOnly(17, 0), new TimeOnly(9, 0)));
        Assert.Contains("close after they open", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new OpeningHours(new TimeOnly(9, 0), new TimeOnly(9, 0)));
    }

    [Fact]
    public void Overlapping_opening_hours_on_a_day_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => BusinessCalendar.Weekdays(London, Hours(9, 13), Hours(12, 17)));
        Assert.Contains("overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_that_is_never_open_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(
            () => BusinessCalendar.Weekly(London, new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>()));
        Assert.Contains("AlwaysOpen", error.Message, StringComparison.Ordinal);
    }

    private static BusinessCalendar SundayOnly(OpeningHours hours) =>
        BusinessCalendar.Weekly(London, new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>> { [DayOfWeek.Sunday] = [hours] });
}
