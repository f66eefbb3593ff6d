namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// An SLA stopwatch: starts at <see cref="StartedAt"/>, runs only during the calendar's business time and stands
/// still during pauses ("waiting for the customer"). Overlapping or touching pauses are merged, and pause time
/// outside business hours is not subtracted twice: elapsed time is the business time of the running stretches.
/// </summary>
public sealed class SlaClock
{
    public SlaClock(BusinessCalendar calendar, DateTimeOffset startedAt, IEnumerable<SlaPause>? pauses = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Calendar = calendar;
        StartedAt = startedAt;
        Pauses = Merge(startedAt, pauses ?? []);
    }

    public BusinessCalendar Calendar { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The pauses after the start, merged and in order; at most the last one is open.</summary>
    public IReadOnlyList<SlaPause> Pauses { get; }

    /// <summary>True when the last pause is still open (the clock is stopped until further notice).</summary>
    public bool IsStopped => Pauses.Count > 0 && Pauses[^1].IsOpen;

    /// <summary>True when <paramref name="instant"/> falls in a pause (its start included, its end excluded).</summary>
    public bool IsPausedAt(DateTimeOffset instant) =>
        Pauses.Any(p => p.Start <= instant && (p.End is null || instant < p.End));

    /// <summary>Business time the clock has run from <see cref="StartedAt"/> to <paramref name="instant"/>, pauses excluded.</summary>
    public TimeSpan ElapsedAt(DateTimeOffset instant)
    {
        var elapsed = TimeSpan.Zero;
        DateTimeOffset? runningSince = StartedAt;
        foreach (var pause in Pauses)
        {
            if (runningSince is not { } since || since >= instant)
            {
                break;
            }

            elapsed += Calendar.BusinessTimeBetween(since, Min(pause.Start, instant));
            runningSince = pause.End;
        }

        if (runningSince is { } stillRunningSince)
        {
            elapsed += Calendar.BusinessTimeBetween(stillRunningSince, instant);
        }

        return elapsed;
    }

    /// <summary>
    /// The first instant at which the clock shows <paramref name="amount"/>, assuming it keeps running after the
    /// known pauses; null when an open pause stopped it before that. Expressed in the calendar's time zone.
    /// </summary>
    public DateTimeOffset? WhenElapsedReaches(TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        var remaining = amount;
        var since = StartedAt;
        foreach (var pause in Pauses)
        {
            var running = Calendar.BusinessTimeBetween(since, pause.Start);
            if (remaining <= running)
            {
                return Calendar.AddBusinessTime(since, remaining);
            }

            remaining -= running;
            if (pause.End is not { } resumed)
            {
                return null;
            }

            since = resumed;
        }

        return Calendar.AddBusinessTime(since, remaining);
    }

    /// <summary>The clock as it was known at <paramref name="instant"/>: later pauses ignored, one running then treated as open.</summary>
    public SlaClock AsOf(DateTimeOffset instant) => new(
        Calendar,
        StartedAt,
        Pauses.Where(p => p.Start <= instant).Select(p => p.End <= instant ? p : new SlaPause(p.Start)));

    private static List<SlaPause> Merge(DateTimeOffset startedAt, IEnumerable<SlaPause> pauses)
    {
        var ordered = pauses.ToList();
        if (ordered.Contains(null!))
        {
            throw new ArgumentException("The list of pauses contains an empty entry.", nameof(pauses));
        }

        var merged = new List<SlaPause>();
        foreach (var pause in ordered.OrderBy(p => p.Start))
        {
            if (pause.End <= startedAt)
            {
                continue; // over before the clock started
            }

            var start = Max(pause.Start, startedAt);
            if (merged.Count > 0 && (merged[^1].End is null || start <= merged[^1].End))
            {
                var last = merged[^1];
                DateTimeOffset? end = last.End is null || pause.End is null ? null : Max(last.End.Value, pause.End.Value);
                merged[^1] = new SlaPause(last.Start, end);
            }
            else
            {
                merged.Add(new SlaPause(start, pause.End));
            }
        }

        return merged;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
