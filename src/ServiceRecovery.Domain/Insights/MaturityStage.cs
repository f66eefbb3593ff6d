namespace ServiceRecovery.Domain.Insights;

/// <summary>The five stages of service-recovery maturity, from no listening at all to recovery built into the business.</summary>
public enum MaturityLevel
{
    Moribund = 1,
    Reactive = 2,
    ActiveListening = 3,
    Solicitous = 4,
    Infused = 5,
}

/// <summary>One condition of a stage: what it asks, what was measured, and whether it holds.</summary>
public sealed record MaturityCondition(MaturityLevel Stage, string Rule, string Measured, bool Met);

/// <summary>The stage reached, the conditions that put it there, and what is missing for the next one.</summary>
public sealed record MaturityAssessment(MaturityLevel Stage, IReadOnlyList<MaturityCondition> Reasons, IReadOnlyList<MaturityCondition> Missing)
{
    public MaturityLevel? Next => Stage == MaturityLevel.Infused ? null : Stage + 1;
}

/// <summary>
/// The maturity rule, pure: a stage is reached when its conditions and those of every stage below hold.
/// 1 Moribund — no complaint logged in the period. 2 Reactive — complaints are logged. 3 Active listening — owner
/// coverage and first-response SLA attainment at their thresholds. 4 Solicitous — surveys sent on enough closed cases,
/// or the public complaint form in use. 5 Infused — root causes on enough closed cases, every active cause has an
/// owner, and at least one improvement action done with a measured fall.
/// </summary>
public static class MaturityStage
{
    public static MaturityAssessment Assess(MaturityFacts facts, MaturityThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var levels = new (MaturityLevel Level, MaturityCondition[] Conditions, bool AnyOf)[]
        {
            (MaturityLevel.Reactive, [new(MaturityLevel.Reactive, "Complaints are logged", Count(facts.CasesLogged, "case(s) logged"), facts.CasesLogged > 0)], false),
            (MaturityLevel.ActiveListening,
            [
                Share(MaturityLevel.ActiveListening, "of cases have an owner", facts.CasesWithOwner, facts.CasesLogged, thresholds.OwnerCoverage),
                Share(MaturityLevel.ActiveListening, "of first responses meet the SLA", facts.FirstResponsesMetSla, facts.FirstResponses, thresholds.FirstResponseSla),
            ], false),
            (MaturityLevel.Solicitous,
            [
                Share(MaturityLevel.Solicitous, "of closed cases were sent a survey", facts.ClosedWithSurveySent, facts.CasesClosed, thresholds.SurveyCoverage),
                new(MaturityLevel.Solicitous, "or the public complaint form is in use", Count(facts.WebCases, "case(s) from the web form"), facts.WebCases > 0),
            ], true),
            (MaturityLevel.Infused,
            [
                Share(MaturityLevel.Infused, "of closed cases have a root cause", facts.ClosedWithRootCause, facts.CasesClosed, thresholds.RootCauseCoverage),
                new(MaturityLevel.Infused, "Every active root cause has a process owner",
                    facts.ActiveCauses is { } causes ? $"{facts.ActiveCausesWithOwner ?? 0} of {causes} active cause(s) have an owner" : "not measured yet",
                    facts.ActiveCauses is > 0 && facts.ActiveCausesWithOwner == facts.ActiveCauses),
                new(MaturityLevel.Infused, "At least one improvement action done with a measured fall",
                    facts.ImprovementActionsDoneWithFall is { } done ? Count(done, "action(s) done with a measured fall") : "not measured yet",
                    facts.ImprovementActionsDoneWithFall > 0),
            ], false),
        };

        var stage = MaturityLevel.Moribund;
        var reasons = new List<MaturityCondition>();
        IReadOnlyList<MaturityCondition> missing = [];
        foreach (var (level, conditions, anyOf) in levels)
        {
            var holds = anyOf ? conditions.Any(c => c.Met) : conditions.All(c => c.Met);
            if (!holds)
            {
                missing = anyOf ? conditions : [.. conditions.Where(c => !c.Met)];
                break;
            }

            stage = level;
            reasons.AddRange(anyOf ? conditions.Where(c => c.Met) : conditions);
        }

        if (stage == MaturityLevel.Moribund)
        {
            reasons.Add(new(MaturityLevel.Moribund, "No complaint was logged in the period", Count(facts.CasesLogged, "case(s) logged"), true));
        }

        return new MaturityAssessment(stage, reasons, missing);
    }

    /// <summary>A share against its threshold; an empty or unknown denominator never meets it.</summary>
    private static MaturityCondition Share(MaturityLevel level, string what, int? part, int whole, double threshold)
    {
        var rule = $"≥ {Percent(threshold)} {what}";
        if (part is not { } p)
        {
            return new(level, rule, "not measured yet", false);
        }

        if (whole <= 0)
        {
            return new(level, rule, "no case to measure", false);
        }

        var share = (double)p / whole;
        return new(level, rule, $"{Percent(share)} ({p} of {whole})", share >= threshold - 1e-12);
    }

    private static string Count(int n, string what) => $"{n} {what}";

    private static string Percent(double share) =>
        (share * 100).ToString(share * 100 % 1 == 0 ? "0" : "0.#", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
