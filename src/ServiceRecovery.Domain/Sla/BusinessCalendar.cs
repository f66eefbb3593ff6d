namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// When the SLA clock runs: either around the clock (<see cref="AlwaysOpen"/>) or during weekly opening hours
/// in a time zone. All arithmetic is on real instants: opening hours are wall-clock times of the time zone and are
/// converted to instants day by day, so days with a daylight-saving change are 23 or 25 hours long.
/// </summary>
/// <remarks>
/// A wall-clock time that does not exist (skipped when the clocks go forward) means the first instant after the
/// gap; a wall-clock time that happens twice (when the clocks go back) means its first occurrence. Work is done per
/// day and opening interval, never per minute, so spans of months are cheap.
/// </remarks>
public sealed class BusinessCalendar
{
    private static TimeSpan OneTick { get; } = TimeSpan.FromTicks(1);

    /// <summary>Opening intervals per <see cref="DayOfWeek"/> (index), sorted; null for an always-open calendar.</summary>
    private readonly OpeningHours[][]? _week;

    private BusinessCalendar(TimeZoneInfo timeZone, OpeningHours[][]? week)
    {
        TimeZone = timeZone;
        _week = week;
    }

    /// <summary>24×7: every instant counts. Results are expressed in UTC.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(TimeZoneInfo.Utc, null);

    /// <summary>True for a 24×7 calendar.</summary>
    public bool IsAlwaysOpen => _week is null;

    /// <summary>The time zone of the opening hours; instants returned by this calendar are expressed in it.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// 24×7, with results expressed in <paramref name="timeZone"/> (the time zone only affects how instants are
    /// shown: every real hour counts, including on daylight-saving days).
    /// </summary>
    public static BusinessCalendar AlwaysOpenIn(TimeZoneInfo timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        return new BusinessCalendar(timeZone, null);
    }

    /// <summary>
    /// Weekly opening hours in <paramref name="timeZone"/> (e.g. <c>TimeZoneInfo.FindSystemTimeZoneById("Europe/London")</c>).
    /// A day that is missing or has no intervals is closed. A day's intervals must not overlap, and the week must
    /// have at least one opening.
    /// </summary>
    public static BusinessCalendar Weekly(
        TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpeningHours>> hours)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(hours);

        var week = new OpeningHours[7][];
        for (var i = 0; i < 7; i++)
        {
            var day = (DayOfWeek)i;
            var intervals = hours.TryGetValue(day, out var list) && list is not null
                ? list.OrderBy(h => h.Open).ToArray()
                : [];
            for (var j = 0; j < intervals.Length; j++)
            {
                if (intervals[j] is null)
                {
                    throw new ArgumentException($"The opening hours of {day} contain an empty entry.", nameof(hours));
                }

                if (j > 0 && intervals[j].Open < intervals[j - 1].Close)
                {
                    throw new ArgumentException(
                        $"The opening hours of {day} overlap ({intervals[j - 1]} and {intervals[j]}).", nameof(hours));
                }
            }

            week[i] = intervals;
        }

        if (week.All(d => d.Length == 0))
        {
            throw new ArgumentException(
                "A business-hours calendar must be open at some time of the week; use AlwaysOpen for 24×7.",
                nameof(hours));
        }

        return new BusinessCalendar(timeZone, week);
    }

    /// <summary>The same opening hours Monday to Friday; closed at weekends.</summary>
    public static BusinessCalendar Weekdays(TimeZoneInfo timeZone, params IReadOnlyList<OpeningHours> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var days = new Dictionary<DayOfWeek, IReadOnlyList<OpeningHours>>
        {
            [DayOfWeek.Monday] = hours,
            [DayOfWeek.Tuesday] = hours,
            [DayOfWeek.Wednesday] = hours,
            [DayOfWeek.Thursday] = hours,
            [DayOfWeek.Friday] = hours,
        };
        return Weekly(timeZone, days);
    }

    /// <summary>The opening intervals of <paramref name="day"/>, earliest first (empty when closed or 24×7).</summary>
    public IReadOnlyList<OpeningHours> HoursOn(DayOfWeek day) => _week is null ? [] : _week[(int)day];

    /// <summary>Business time counted between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from.UtcDateTime;
        var end = to.UtcDateTime;
        if (end <= start)
        {
            return TimeSpan.Zero;
        }

        if (_week is null)
        {
            return end - start;
        }

        var total = TimeSpan.Zero;
        var lastDay = LocalDate(end).AddDays(1);
        for (var day = LocalDate(start).AddDays(-1); day <= lastDay; day = day.AddDays(1))
        {
            foreach (var hours in _week[(int)day.DayOfWeek])
            {
                var (open, close) = Interval(day, hours);
                var overlapStart = open > start ? open : start;
                var overlapEnd = close < end ? close : end;
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// The earliest instant at which <paramref name="amount"/> of business time has elapsed since
    /// <paramref name="from"/> (outside opening hours the clock starts at the next opening). The inverse of
    /// <see cref="BusinessTimeBetween"/>: <c>BusinessTimeBetween(from, AddBusinessTime(from, x)) == x</c>.
    /// A zero amount returns <paramref name="from"/>. The result is expressed in <see cref="TimeZone"/>.
    /// </summary>
    public DateTimeOffset AddBusinessTime(DateTimeOffset from, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        if (amount.Ticks > DateTimeOffset.MaxValue.UtcTicks - from.UtcTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "The result would be after the end of time.");
        }

        var start = from.UtcDateTime;
        if (_week is null || amount == TimeSpan.Zero)
        {
            return Express(start + amount);
        }

        var remaining = amount;
        for (var day = LocalDate(start).AddDays(-1); ; day = day.AddDays(1))
        {
            foreach (var hours in _week[(int)day.DayOfWeek])
            {
                var (open, close) = Interval(day, hours);
                if (close <= start)
                {
                    continue;
                }

                var begin = open > start ? open : start;
                var available = close - begin;
                if (remaining <= available)
                {
                    return Express(begin + remaining);
                }

                remaining -= available;
            }
        }
    }

    /// <summary>True when <paramref name="instant"/> is inside opening hours (an interval includes its opening instant, not its closing one).</summary>
    public bool IsOpenAt(DateTimeOffset instant) =>
        BusinessTimeBetween(instant, instant.AddTicks(OneTick.Ticks)) > TimeSpan.Zero;

    /// <summary>The first instant at or after <paramref name="from"/> when the calendar is open, expressed in <see cref="TimeZone"/>.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset from)
    {
        // The tick of business time that ends first starts at the next opening.
        return AddBusinessTime(from, OneTick) - OneTick;
    }

    private DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZone));

    private DateTimeOffset Express(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), TimeZone);

    /// <summary>One opening interval of a local date as UTC instants (open ≤ close; equal when it falls in a DST gap).</summary>
    private (DateTime Open, DateTime Close) Interval(DateOnly day, OpeningHours hours)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return (ToUtc(midnight + hours.OpenOffset), ToUtc(midnight + hours.CloseOffset));
    }

    /// <summary>
    /// The first instant at which the wall clock reads <paramref name="local"/> or later: the instant itself for
    /// an ordinary time, the first occurrence of an ambiguous one, the end of the gap for a skipped one.
    /// This mapping never goes backwards, so intervals stay ordered and never overlap.
    /// </summary>
    private DateTime ToUtc(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            var before = TimeZone.GetUtcOffset(local.AddDays(-1));
            var after = TimeZone.GetUtcOffset(local.AddDays(1));
            var lo = (local - (before > after ? before : after)).Ticks; // wall clock there is still before local
            var hi = (local - (before < after ? before : after)).Ticks; // wall clock there is already past local
            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (WallClock(mid) >= local)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return new DateTime(hi, DateTimeKind.Utc);
        }

        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private DateTime WallClock(long utcTicks) =>
        DateTime.SpecifyKind(
            TimeZoneInfo.ConvertTimeFromUtc(new DateTime(utcTicks, DateTimeKind.Utc), TimeZone),
            DateTimeKind.Unspecified);

    public override string ToString() => IsAlwaysOpen ? $"24×7 ({TimeZone.Id})" : $"Business hours ({TimeZone.Id})";
}
