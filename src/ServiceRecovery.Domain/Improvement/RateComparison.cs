using System.Globalization;

namespace ServiceRecovery.Domain.Improvement;

/// <summary>
/// Did a root cause happen less often after an improvement action was done? The weekly rate (cases per week) over
/// equal windows of N full weeks before and after the done date, N = min(full weeks since done, 8). Under two full
/// weeks after, it is too early to tell; a fall is only called one when it is clear of noise (see <see cref="Verdict"/>).
/// </summary>
public sealed record RateComparison(DateOnly DoneOn, int Weeks, int CasesBefore, int CasesAfter)
{
    public const int MaxWeeks = 8;

    public const int MinWeeksAfter = 2;

    /// <summary>The window before: [DoneOn − 7N days, DoneOn).</summary>
    public DateOnly BeforeFrom => DoneOn.AddDays(-7 * Weeks);

    /// <summary>The window after: [DoneOn, DoneOn + 7N days).</summary>
    public DateOnly AfterTo => DoneOn.AddDays(7 * Weeks);

    public bool TooEarly => Weeks < MinWeeksAfter;

    public decimal RateBefore => Weeks == 0 ? 0 : Math.Round((decimal)CasesBefore / Weeks, 2);

    public decimal RateAfter => Weeks == 0 ? 0 : Math.Round((decimal)CasesAfter / Weeks, 2);

    /// <summary>The number of full weeks in each window for an action done on <paramref name="doneOn"/>, seen on <paramref name="today"/>.</summary>
    public static int WindowWeeks(DateOnly doneOn, DateOnly today) =>
        today < doneOn ? 0 : Math.Min((today.DayNumber - doneOn.DayNumber) / 7, MaxWeeks);

    /// <summary>
    /// In words, with the counts. A fall (or rise) is called only when the counts differ by at least 3 cases and
    /// by at least half of the larger count; anything smaller reads "no clear change" (a handful of cases is noise).
    /// </summary>
    public string Verdict
    {
        get
        {
            var counts = string.Create(CultureInfo.InvariantCulture, $"{Cases(CasesBefore)} in {WeeksText} before, {CasesAfter} in {WeeksText} after");
            if (TooEarly)
            {
                return Weeks == 0
                    ? "Too early to tell: not a full week has passed since it was done."
                    : $"Too early to tell: only {WeeksText} since it was done ({counts}).";
            }

            var difference = CasesBefore - CasesAfter;
            var larger = Math.Max(CasesBefore, CasesAfter);
            var clear = Math.Abs(difference) >= 3 && Math.Abs(difference) * 2 >= larger;
            return !clear ? $"No clear change yet: {counts}."
                : difference > 0 ? $"Fewer cases since it was done: {counts}."
                : $"More cases since it was done: {counts}.";
        }
    }

    /// <summary>Whether the rate fell clearly (the verdict says "Fewer").</summary>
    public bool FellClearly => !TooEarly && CasesBefore - CasesAfter >= 3 && (CasesBefore - CasesAfter) * 2 >= Math.Max(CasesBefore, CasesAfter);

    private string WeeksText => Weeks == 1 ? "1 week" : string.Create(CultureInfo.InvariantCulture, $"{Weeks} weeks");

    private static string Cases(int n) => n == 1 ? "1 case" : string.Create(CultureInfo.InvariantCulture, $"{n} cases");
}
