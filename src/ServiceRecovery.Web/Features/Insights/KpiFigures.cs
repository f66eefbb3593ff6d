using System.Globalization;
using ServiceRecovery.Web.Features.Queue;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>Which cases a figure counts.</summary>
public enum KpiCohort
{
    /// <summary>Cases opened in the period (org-local days).</summary>
    Opened,

    /// <summary>Cases closed in the period, any outcome.</summary>
    Closed,

    /// <summary>Cases closed in the period other than withdrawn (duplicates and mistakes are not recoveries).</summary>
    Resolved,

    /// <summary>Cases recovered in the period and at least 90 days ago (whether the customer came back is known by then).</summary>
    RecoveredLongEnoughAgo,
}

/// <summary>One figure of the dashboard, its one-line definition, and the queue view of the cases behind it.</summary>
/// <param name="Numerator">The count behind the figure (the cases the link shows), when it is a count or a share.</param>
/// <param name="Denominator">For a share or an average: what it is divided by.</param>
/// <param name="Link">The queue view of the <paramref name="Numerator"/> cases (filters of the dashboard included).</param>
public sealed record KpiFigure(string Key, string Label, string Value, long? Numerator, long? Denominator, KpiCohort Cohort, string Definition, QueueView? Link);

/// <summary>
/// The dashboard's figures from the summed roll-up columns: one entry per figure (add a measure here and it appears on
/// the page and in the CSV). Percentiles come from the histograms (<see cref="KpiBuckets"/>) and read as a range.
/// </summary>
public static class KpiFigures
{
    /// <param name="t">The summed roll-up columns.</param>
    /// <param name="f">The period and filters.</param>
    /// <param name="culture">For the numbers.</param>
    /// <param name="maturedThrough">The last day whose maturing measures count (<see cref="KpiQuery.MaturedThrough"/>).</param>
    public static IReadOnlyList<KpiFigure> For(KpiTotals t, KpiFilter f, CultureInfo culture, DateOnly maturedThrough)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(f);
        var opened = Base(f) with { Status = QueueStatus.All, OpenedFrom = f.From, OpenedTo = f.To };
        var closed = Base(f) with { Status = QueueStatus.Closed, ClosedFrom = f.From, ClosedTo = f.To };
        var resolved = closed with { Measure = QueueMeasure.Resolved };
        string Share(string part, string whole) => Percent(t.Count(part), t.Count(whole), culture);
        KpiFigure Count(string key, string label, string column, KpiCohort cohort, string definition, QueueView link) =>
            new(key, label, t.Count(column).ToString("N0", culture), t.Count(column), null, cohort, definition, link);
        KpiFigure Ratio(string key, string label, string part, string whole, KpiCohort cohort, string definition, QueueView link) =>
            new(key, label, Share(part, whole), t.Count(part), t.Count(whole), cohort, definition, link);
        KpiFigure Percentile(string key, string label, string measure, double p, string definition)
        {
            var histogram = t.Histogram(measure);
            var bucket = KpiBuckets.PercentileBucket(histogram, p);
            return new(key, label, bucket is { } b ? KpiBuckets.Describe(b) : "—", histogram.Sum(), null, KpiCohort.Resolved, definition, resolved);
        }

        var recovered = t.Count("closed_recovered");
        var retentionTo = f.To < maturedThrough ? f.To : maturedThrough;
        var retention = retentionTo < f.From ? null : Base(f) with
        {
            Status = QueueStatus.Closed, ClosedFrom = f.From, ClosedTo = retentionTo, Outcome = Domain.Cases.CaseOutcome.Recovered, Measure = QueueMeasure.Retained,
        };
        return
        [
            Count("opened", "Cases opened", "opened", KpiCohort.Opened, "Complaints logged in the period.", opened),
            Count("closed", "Cases closed", "closed", KpiCohort.Closed, "Cases closed in the period, whatever the outcome (withdrawn included).", closed),
            Percentile("first_response_median", "Median time to first response", "fr", 0.5,
                "Half the first responses (the apology) came within this business time of opening; waiting for the customer does not count."),
            Percentile("first_response_p90", "90th percentile time to first response", "fr", 0.9, "Nine in ten first responses came within this business time."),
            Percentile("resolution_median", "Median time to resolution", "res", 0.5, "Half the first fixes came within this business time of opening (pauses excluded)."),
            Percentile("resolution_p90", "90th percentile time to resolution", "res", 0.9, "Nine in ten first fixes came within this business time."),
            Ratio("first_response_sla", "First response within SLA", "fr_met", "fr_measured", KpiCohort.Resolved,
                "Share of first responses made before the SLA target of the case's severity.", resolved with { Measure = QueueMeasure.FirstResponseMet }),
            Ratio("resolution_sla", "Resolution within SLA", "res_met", "res_measured", KpiCohort.Resolved,
                "Share of first fixes made before the SLA resolution target.", resolved with { Measure = QueueMeasure.ResolutionMet }),
            Ratio("first_contact_resolution", "First-contact resolution", "first_contact", "closed_resolved", KpiCohort.Resolved,
                "Share of cases fixed at the first contact (as recorded on the fix) and never reopened.", resolved with { Measure = QueueMeasure.FirstContact }),
            Ratio("recovered", "Recovered", "closed_recovered", "closed", KpiCohort.Closed, "Share of closed cases where the customer said they were satisfied at follow-up.",
                closed with { Outcome = Domain.Cases.CaseOutcome.Recovered }),
            Ratio("unsatisfied", "Unsatisfied", "closed_unsatisfied", "closed", KpiCohort.Closed, "Share of closed cases closed with the customer still unsatisfied.",
                closed with { Outcome = Domain.Cases.CaseOutcome.Unsatisfied }),
            Ratio("unreachable", "Unreachable", "closed_unreachable", "closed", KpiCohort.Closed, "Share of closed cases closed after three follow-up attempts without an answer.",
                closed with { Outcome = Domain.Cases.CaseOutcome.Unreachable }),
            Ratio("withdrawn", "Withdrawn", "closed_withdrawn", "closed", KpiCohort.Closed, "Share of closed cases withdrawn as duplicates or logged in error.",
                closed with { Outcome = Domain.Cases.CaseOutcome.Withdrawn }),
            Ratio("reopen_rate", "Reopen rate", "reopened", "closed_resolved", KpiCohort.Resolved,
                "Share of cases reopened at least once because the customer was not satisfied at follow-up.", resolved with { Measure = QueueMeasure.Reopened }),
            Ratio("repeat_rate", "Repeat complaints", "opened_repeat", "opened", KpiCohort.Opened,
                "Share of new cases whose customer had another case in the same category in the 30 days before.", opened with { Measure = QueueMeasure.Repeat }),
            Ratio("owner_coverage", "Cases with an owner", "opened_with_owner", "opened", KpiCohort.Opened,
                "Share of new cases that have an owner now.", opened with { Measure = QueueMeasure.Owned }),
            new("retention", "Retention after recovery", Percent(t.Count("retained"), t.Count("retention_base"), culture), t.Count("retained"), t.Count("retention_base"),
                KpiCohort.RecoveredLongEnoughAgo,
                string.Create(culture, $"Share of recovered customers who came back within {KpiColumns.MaturesAfterDays} days of the close: a return recorded on the case, or a later case with a transaction value. ") +
                (retention is null
                    ? string.Create(culture, $"Too early for this period: it counts recoveries closed by {maturedThrough:d MMM yyyy}.")
                    : string.Create(culture, $"Counts recoveries closed by {retentionTo:d MMM yyyy}, {KpiColumns.MaturesAfterDays} days before today.")),
                retention),
            new("compensation_per_recovery", "Compensation per recovered case",
                recovered == 0 ? "—" : (t["compensation_recovered"] / recovered).ToString("N2", culture), recovered, null, KpiCohort.Closed,
                "Money granted (approved gestures in the ledger) on the cases recovered in the period, divided by their number.",
                closed with { Outcome = Domain.Cases.CaseOutcome.Recovered }),
            new("csat", "Customer satisfaction (CSAT)", CsatAverage(t, culture), t.Count("csat_answered"), null, KpiCohort.Resolved,
                "Average survey score (1–5) the customers gave after the recovery; the latest answer of each case.", resolved with { Measure = QueueMeasure.CsatAnswered }),
            new("nps", "Net promoter score after recovery", Nps(t.Count("nps_promoters"), t.Count("nps_detractors"), t.Count("nps_answered"), culture),
                t.Count("nps_answered"), null, KpiCohort.Resolved,
                "Promoters (9–10) minus detractors (0–6), as a share of the customers who answered the survey's 0–10 question, × 100 (−100 … +100).",
                resolved with { Measure = QueueMeasure.NpsAnswered }),
            new("nps_before", "NPS before (same customers)", Nps(t.Count("nps_both_before_promoters"), t.Count("nps_both_before_detractors"), t.Count("nps_both"), culture),
                t.Count("nps_both"), null, KpiCohort.Resolved, "NPS asked when the complaint was logged, among the cases that have both a before and an after score.",
                resolved with { Measure = QueueMeasure.NpsBoth }),
            new("nps_after", "NPS after (same customers)", Nps(t.Count("nps_both_after_promoters"), t.Count("nps_both_after_detractors"), t.Count("nps_both"), culture),
                t.Count("nps_both"), null, KpiCohort.Resolved, "NPS after the recovery, among the same cases as “NPS before”.",
                resolved with { Measure = QueueMeasure.NpsBoth }),
        ];
    }

    /// <summary>Shown instead of a survey figure while no customer answered.</summary>
    public const string NoAnswers = "no answers yet";

    /// <summary>The keys of the survey figures (shown in their own section of the page).</summary>
    public static readonly IReadOnlyList<string> SurveyKeys = ["csat", "nps", "nps_before", "nps_after"];

    public static string CsatAverage(KpiTotals t, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(t);
        var answered = t.Count("csat_answered");
        return answered == 0 ? NoAnswers : (t["csat_sum"] / answered).ToString("0.0", culture) + " / 5";
    }

    /// <summary>(promoters − detractors) ÷ answered × 100, rounded to a whole number, signed; "no answers yet" when none.</summary>
    public static string Nps(long promoters, long detractors, long answered, CultureInfo culture) =>
        answered == 0 ? NoAnswers : Math.Round(100m * (promoters - detractors) / answered, MidpointRounding.AwayFromZero).ToString("+0;−0;0", culture);

    /// <summary>The dashboard's dimension filters as a queue view.</summary>
    public static QueueView Base(KpiFilter f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new QueueView { Category = f.Category, Severity = f.Severity, Channel = f.Channel, Owner = f.Owner, Cause = f.Cause };
    }

    public static string Percent(long part, long whole, CultureInfo culture) =>
        whole == 0 ? "—" : ((double)part / whole).ToString("P0", culture);

    public static string CohortText(KpiCohort cohort) => cohort switch
    {
        KpiCohort.Opened => "cases opened in the period",
        KpiCohort.Closed => "cases closed in the period",
        KpiCohort.RecoveredLongEnoughAgo => "recovered cases closed in the period, at least 90 days ago",
        _ => "cases closed in the period, withdrawn excluded",
    };
}
