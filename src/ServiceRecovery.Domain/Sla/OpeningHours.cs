namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// One opening interval of a day, in the calendar's local (wall-clock) time: open at <see cref="Open"/>,
/// closed from <see cref="Close"/> on. <see cref="TimeOnly.MaxValue"/> as <see cref="Close"/> means
/// "until midnight" (the interval ends at 00:00 of the next day).
/// </summary>
public sealed record OpeningHours
{
    public OpeningHours(TimeOnly open, TimeOnly close)
    {
        if (close <= open)
        {
            throw new ArgumentException(
                $"Opening hours must close after they open (open {open:HH:mm}, close {close:HH:mm}).",
                nameof(close));
        }

        Open = open;
        Close = close;
    }

    public TimeOnly Open { get; }

    public TimeOnly Close { get; }

    /// <summary>Open all day: 00:00 until midnight.</summary>
    public static OpeningHours AllDay { get; } = new(TimeOnly.MinValue, TimeOnly.MaxValue);

    /// <summary>Time of day the interval opens, as an offset from local midnight.</summary>
    internal TimeSpan OpenOffset => Open.ToTimeSpan();

    /// <summary>Time of day the interval closes, as an offset from local midnight (24:00 for "until midnight").</summary>
    internal TimeSpan CloseOffset => Close == TimeOnly.MaxValue ? TimeSpan.FromDays(1) : Close.ToTimeSpan();

    public void Deconstruct(out TimeOnly open, out TimeOnly close)
    {
        open = Open;
        close = Close;
    }

    public override string ToString() =>
        Close == TimeOnly.MaxValue ? $"{Open:HH:mm}–24:00" : $"{Open:HH:mm}–{Close:HH:mm}";
}
