using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// The SLA an Admin sets: targets per <see cref="Severity"/>, the calendar the clock runs on, and the share of a
/// target after which a case is "at risk". Immutable; change it with <c>with { ... }</c> (validated again).
/// </summary>
public sealed record SlaPolicy
{
    public SlaPolicy(
        SlaTargets critical,
        SlaTargets major,
        SlaTargets moderate,
        SlaTargets minor,
        BusinessCalendar calendar,
        double atRiskFraction = DefaultAtRiskFraction)
    {
        Critical = critical;
        Major = major;
        Moderate = moderate;
        Minor = minor;
        Calendar = calendar;
        AtRiskFraction = atRiskFraction;
    }

    public const double DefaultAtRiskFraction = 0.8;

    /// <summary>Critical 1 h / 24 h, Major 4 h / 3 days, Moderate 8 h / 5 days, Minor 24 h / 7 days, 24×7.</summary>
    public static SlaPolicy Default { get; } = new(
        critical: new SlaTargets(TimeSpan.FromHours(1), TimeSpan.FromHours(24)),
        major: new SlaTargets(TimeSpan.FromHours(4), TimeSpan.FromHours(72)),
        moderate: new SlaTargets(TimeSpan.FromHours(8), TimeSpan.FromHours(120)),
        minor: new SlaTargets(TimeSpan.FromHours(24), TimeSpan.FromHours(168)),
        calendar: BusinessCalendar.AlwaysOpen);

    public SlaTargets Critical { get; init => field = value ?? throw Missing(nameof(Critical)); }

    public SlaTargets Major { get; init => field = value ?? throw Missing(nameof(Major)); }

    public SlaTargets Moderate { get; init => field = value ?? throw Missing(nameof(Moderate)); }

    public SlaTargets Minor { get; init => field = value ?? throw Missing(nameof(Minor)); }

    /// <summary>When the clock runs (24×7 or business hours in a time zone).</summary>
    public BusinessCalendar Calendar { get; init => field = value ?? throw Missing(nameof(Calendar)); }

    /// <summary>A case is at risk once this share of a target has elapsed (0 &lt; fraction ≤ 1; default 0.8).</summary>
    public double AtRiskFraction
    {
        get;
        init => field = value is > 0 and <= 1
            ? value
            : throw new ArgumentException(
                $"The at-risk fraction must be more than 0 and at most 1 (was {value}).", nameof(value));
    }

    /// <summary>The targets of <paramref name="severity"/>.</summary>
    public SlaTargets For(Severity severity) => severity switch
    {
        Severity.Critical => Critical,
        Severity.Major => Major,
        Severity.Moderate => Moderate,
        Severity.Minor => Minor,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    private static ArgumentException Missing(string what) =>
        new($"The SLA policy needs {what} (it cannot be null).", what);
}
