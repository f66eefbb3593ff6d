using System.Globalization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Domain.Compensation;

/// <summary>
/// One row of the guidance policy: for a severity, the suggested gesture as a percentage of the transaction
/// value, and a fixed range (in the organisation's currency) when there is no transaction value.
/// </summary>
public sealed record GuidanceBand(Severity Severity, decimal MinPercent, decimal MaxPercent, decimal FixedMin, decimal FixedMax)
{
    public void Validate()
    {
        if (MinPercent < 0 || MaxPercent < MinPercent || MaxPercent > CompensationGuidance.CapPercent)
        {
            throw new ArgumentException($"{Severity}: percentages must satisfy 0 ≤ min ≤ max ≤ {CompensationGuidance.CapPercent}.");
        }

        if (FixedMin < 0 || FixedMax < FixedMin)
        {
            throw new ArgumentException($"{Severity}: fixed amounts must satisfy 0 ≤ min ≤ max.");
        }
    }
}

/// <summary>The suggested range for one gesture, and how it was worked out (shown to proposer and approver).</summary>
public sealed record GuidanceSuggestion(decimal Min, decimal Max, Severity EffectiveSeverity, string Basis);

public enum GuidanceVerdict
{
    Within,
    BelowRange,
    AboveRange,
    NotApplicable,
}

public sealed record GuidanceCheck(GuidanceVerdict Verdict, string? Warning);

/// <summary>
/// "Well-dosed generosity": the size of a gesture follows the severity of the failure and the value of the
/// customer. Defaults from service-recovery research: Minor 0–25 %, Moderate 25–60 %, Major 60–120 %,
/// Critical 100–150 % of the transaction value, never above 150 %; a VIP moves toward the top of the range;
/// a second failure for the same customer within 12 months counts one severity higher.
/// </summary>
public static class CompensationGuidance
{
    public const decimal CapPercent = 150m;

    public static IReadOnlyList<GuidanceBand> DefaultBands { get; } =
    [
        new(Severity.Minor, 0m, 25m, 0m, 15m),
        new(Severity.Moderate, 25m, 60m, 15m, 50m),
        new(Severity.Major, 60m, 120m, 50m, 150m),
        new(Severity.Critical, 100m, 150m, 150m, 400m),
    ];

    public static GuidanceSuggestion Suggest(
        IReadOnlyList<GuidanceBand> bands,
        Severity severity,
        CustomerTier tier,
        decimal? transactionValue,
        int earlierFailuresInLast12Months)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var effective = earlierFailuresInLast12Months > 0 && severity < Severity.Critical ? severity + 1 : severity;
        var band = bands.FirstOrDefault(b => b.Severity == effective)
            ?? throw new ArgumentException($"The guidance policy has no row for {effective}.", nameof(bands));

        decimal min, max;
        string basis;
        if (transactionValue is > 0 and var value)
        {
            min = value * band.MinPercent / 100m;
            max = value * Math.Min(band.MaxPercent, CapPercent) / 100m;
            basis = Invariant($"{band.MinPercent:0.##}–{Math.Min(band.MaxPercent, CapPercent):0.##} % of the {value:0.00} transaction ({effective})");
        }
        else
        {
            min = band.FixedMin;
            max = band.FixedMax;
            basis = $"fixed range for {effective}, no transaction value";
        }

        if (effective != severity)
        {
            basis += "; counted one severity higher: a repeat failure within 12 months";
        }

        if (tier == CustomerTier.Vip)
        {
            // A VIP moves toward the top: the upper half of the range.
            min += (max - min) / 2m;
            basis += "; VIP: upper half";
        }

        return new GuidanceSuggestion(Math.Round(min, 2), Math.Round(max, 2), effective, basis);
    }

    /// <summary>Checks a proposed amount against the suggestion. Warnings never block; they are recorded.</summary>
    public static GuidanceCheck Check(GuidanceSuggestion suggestion, GestureType gesture, decimal? amount)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        if (gesture == GestureType.ApologyOnly || amount is not { } value)
        {
            return new GuidanceCheck(GuidanceVerdict.NotApplicable, null);
        }

        if (value < suggestion.Min)
        {
            return new GuidanceCheck(GuidanceVerdict.BelowRange, Invariant(
                $"Below the suggested {suggestion.Min:0.00}–{suggestion.Max:0.00}: a token amount can add insult. Consider an apology only, or a gesture within the range."));
        }

        if (value > suggestion.Max)
        {
            return new GuidanceCheck(GuidanceVerdict.AboveRange, Invariant(
                $"Above the suggested {suggestion.Min:0.00}–{suggestion.Max:0.00}: over-compensation stops helping and can teach customers to complain for gain."));
        }

        return new GuidanceCheck(GuidanceVerdict.Within, null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
