namespace ServiceRecovery.Domain.Insights;

/// <summary>
/// What was measured in a period, as the maturity rule needs it. Counts, not shares, so the rule decides what an
/// empty denominator means. A fact the system cannot measure yet is null ("unknown"): it never meets a threshold.
/// </summary>
/// <param name="CasesLogged">Cases opened in the period.</param>
/// <param name="CasesWithOwner">Of those, cases with an owner.</param>
/// <param name="FirstResponses">Cases with a first response (measured) in the period's cohort.</param>
/// <param name="FirstResponsesMetSla">Of those, responses that met the SLA.</param>
/// <param name="CasesClosed">Cases closed in the period (withdrawn excluded).</param>
/// <param name="WebCases">Cases opened in the period through the public complaint form (channel Web).</param>
/// <param name="ClosedWithSurveySent">Closed cases whose customer was sent a survey; null while surveys are not recorded.</param>
/// <param name="ClosedWithRootCause">Closed cases with a root cause; null while root causes are not recorded.</param>
/// <param name="ActiveCauses">Active root causes in the taxonomy; null while there is none.</param>
/// <param name="ActiveCausesWithOwner">Of those, causes with a process owner.</param>
/// <param name="ImprovementActionsDoneWithFall">Improvement actions done whose cause's rate measurably fell; null while unknown.</param>
public sealed record MaturityFacts(
    int CasesLogged,
    int CasesWithOwner,
    int FirstResponses,
    int FirstResponsesMetSla,
    int CasesClosed,
    int WebCases,
    int? ClosedWithSurveySent = null,
    int? ClosedWithRootCause = null,
    int? ActiveCauses = null,
    int? ActiveCausesWithOwner = null,
    int? ImprovementActionsDoneWithFall = null);
