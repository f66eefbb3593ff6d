using System.Globalization;

namespace ServiceRecovery.Domain.Compensation;

/// <summary>
/// "Expect abuse": a customer granted at least <see cref="GestureThreshold"/> gestures of value, or at least
/// <see cref="AmountThreshold"/> in total (0 turns the amount signal off), in the last <see cref="WindowDays"/> days
/// is flagged, and any gesture of value for them needs a supervisor. Clearing the flag restarts its count.
/// </summary>
public sealed record AbusePolicy(int GestureThreshold = 3, int WindowDays = 90, decimal AmountThreshold = 0m)
{
    /// <summary>Where the running totals for a limit start: the window, whatever a supervisor cleared.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now.AddDays(-WindowDays);

    /// <summary>Where the flag's count starts: the window, or the moment the flag was last cleared if later.</summary>
    public DateTimeOffset FlagWindowStart(DateTimeOffset now, DateTimeOffset? flagClearedAt)
    {
        var start = WindowStart(now);
        return flagClearedAt is { } cleared && cleared > start ? cleared : start;
    }

    public bool IsFlagged(int gesturesInWindow, decimal amountInWindow) =>
        gesturesInWindow >= GestureThreshold || (AmountThreshold > 0m && amountInWindow >= AmountThreshold);

    public string Explain(int gesturesInWindow, decimal amountInWindow, string currency)
    {
        var rule = AmountThreshold > 0m
            ? string.Create(CultureInfo.InvariantCulture, $"flag at {GestureThreshold} gestures or {AmountThreshold:0.00} {currency}")
            : string.Create(CultureInfo.InvariantCulture, $"flag at {GestureThreshold} gestures");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{gesturesInWindow} compensated gesture(s) worth {amountInWindow:0.00} {currency} in the last {WindowDays} days ({rule})");
    }
}
