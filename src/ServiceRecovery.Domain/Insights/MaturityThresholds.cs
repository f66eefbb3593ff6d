namespace ServiceRecovery.Domain.Insights;

/// <summary>
/// The shares a stage asks for (0–1), kept in configuration ("Maturity"). A share meets its threshold when it is at
/// least the threshold (0.95 meets 0.95).
/// </summary>
public sealed record MaturityThresholds
{
    public const string Section = "Maturity";

    /// <summary>Stage 3: share of cases in the period that have an owner.</summary>
    public double OwnerCoverage { get; init; } = 0.95;

    /// <summary>Stage 3: share of first responses that met the SLA.</summary>
    public double FirstResponseSla { get; init; } = 0.80;

    /// <summary>Stage 4: share of closed cases whose customer was sent a survey.</summary>
    public double SurveyCoverage { get; init; } = 0.80;

    /// <summary>Stage 5: share of closed cases with a root cause.</summary>
    public double RootCauseCoverage { get; init; } = 0.95;

    public static MaturityThresholds Default { get; } = new();
}
