namespace ServiceRecovery.Web.Features.Insights;

/// <summary>The dimensions a roll-up row of <c>kpi_daily</c> keeps (the others are summed away); stored in its <c>dims</c> column.</summary>
[Flags]
public enum KpiDims
{
    None = 0,
    Cause = 1,
    Owner = 2,
    Channel = 4,
    Severity = 8,
    Category = 16,
    All = Category | Severity | Channel | Owner | Cause,
}

/// <summary>
/// The grains of the roll-up (ADR 0018): besides the fine rows (day × every dimension, about one row per case on a busy
/// day), each day is also summed over coarser sets of dimensions, so a period reads a few thousand rows instead of one
/// per case. The dashboard asks three questions — per owner, per root cause and per week, each under the filters in
/// use — and each reads the smallest grain that keeps the dimensions it needs (<see cref="For"/>).
/// </summary>
public static class KpiGrains
{
    /// <summary>The grains stored, smallest (fewest rows per day) first; the last one is the fine grain.</summary>
    public static readonly IReadOnlyList<KpiDims> Stored =
    [
        KpiDims.None,
        KpiDims.Cause,
        KpiDims.Owner,
        KpiDims.Severity | KpiDims.Cause,
        KpiDims.Channel | KpiDims.Cause,
        KpiDims.Category | KpiDims.Cause,
        KpiDims.Severity | KpiDims.Owner,
        KpiDims.Channel | KpiDims.Owner,
        KpiDims.Category | KpiDims.Owner,
        KpiDims.Owner | KpiDims.Cause,
        KpiDims.All,
    ];

    /// <summary>The smallest stored grain that keeps <paramref name="needed"/>.</summary>
    public static KpiDims For(KpiDims needed) => Stored.First(g => (g & needed) == needed);

    /// <summary>The dimensions a filter constrains.</summary>
    public static KpiDims Of(KpiFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var dims = KpiDims.None;
        if (!string.IsNullOrWhiteSpace(filter.Category)) { dims |= KpiDims.Category; }
        if (filter.Severity is not null) { dims |= KpiDims.Severity; }
        if (filter.Channel is not null) { dims |= KpiDims.Channel; }
        if (filter.Unassigned || filter.OwnerId is not null) { dims |= KpiDims.Owner; }
        if (filter.Unclassified || filter.CauseId is not null) { dims |= KpiDims.Cause; }
        return dims;
    }

    /// <summary>
    /// The SQL <c>GROUPING SETS</c> list of the coarse grains (every stored grain but the fine one), over the columns of
    /// <c>kpi_daily</c>; with <c>GROUP BY day, …</c> each set gives one grain's rows of a day.
    /// </summary>
    public static string CoarseGroupingSets { get; } = string.Join(", ", Stored.Where(g => g != KpiDims.All).Select(g => $"({string.Join(", ", Columns(g))})"));

    /// <summary>The SQL expression of a row's <c>dims</c> in a <c>GROUPING SETS</c> query (GROUPING sets a bit per column summed away).</summary>
    public const string DimsOfGroupingSql = "(31 - GROUPING(category, severity, channel, owner_id, root_cause_id))::smallint";

    private static IEnumerable<string> Columns(KpiDims dims)
    {
        if (dims.HasFlag(KpiDims.Category)) { yield return "category"; }
        if (dims.HasFlag(KpiDims.Severity)) { yield return "severity"; }
        if (dims.HasFlag(KpiDims.Channel)) { yield return "channel"; }
        if (dims.HasFlag(KpiDims.Owner)) { yield return "owner_id"; }
        if (dims.HasFlag(KpiDims.Cause)) { yield return "root_cause_id"; }
    }
}
