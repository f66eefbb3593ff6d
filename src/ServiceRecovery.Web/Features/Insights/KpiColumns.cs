using System.Globalization;

namespace ServiceRecovery.Web.Features.Insights;

/// <summary>
/// One column of the daily roll-up (<c>kpi_daily</c>): what a case adds to it on the day it was opened and on the day
/// it was closed (SQL over the case row <c>c</c>, summed per day × category × severity × channel × owner).
/// </summary>
/// <param name="Name">The column.</param>
/// <param name="OnOpened">Added on the case's opening day (org-local date).</param>
/// <param name="OnClosed">Added on the case's closing day.</param>
/// <param name="SqlType">int, bigint or numeric(14,2).</param>
/// <param name="Matures">Counted only on days at least <see cref="KpiColumns.MaturesAfterDays"/> before today (a measure
/// that is only known after a while, like whether the customer came back within 90 days).</param>
public sealed record KpiColumn(string Name, string OnOpened, string OnClosed, string SqlType = "int", bool Matures = false);

/// <summary>
/// Every column of the roll-up, in one list: adding a measure is one entry here (plus its column in a migration, which
/// <c>KpiRollupTests</c> checks), one figure in <see cref="KpiFigures"/> and it shows on the page and in the CSV.
/// "Closed" facts exclude withdrawn cases (duplicates and mistakes are not recoveries) except the outcome counts.
/// </summary>
public static class KpiColumns
{
    private const string Resolved = "c.outcome <> 'Withdrawn'";

    /// <summary>Same customer, same category, another case opened in the 30 days before this one.</summary>
    private const string Repeat =
        "(EXISTS (SELECT 1 FROM recovery_cases p WHERE p.customer_id = c.customer_id AND p.category = c.category " +
        "AND p.id <> c.id AND p.opened_at <= c.opened_at AND p.opened_at >= c.opened_at - interval '30 days'))::int";

    /// <summary>The money granted on a recovered case: approved (or approved with another amount) gestures in the ledger.</summary>
    private const string Granted =
        "CASE WHEN c.outcome = 'Recovered' THEN COALESCE((SELECT sum(l.amount) FROM compensation_ledger l " +
        "WHERE l.case_id = c.id AND l.kind IN ('Approved', 'Adjusted')), 0) ELSE 0 END";

    /// <summary>How long after a recovery the customer may come back and still count as retained.</summary>
    public const int MaturesAfterDays = 90;

    /// <summary>
    /// A recovered case whose customer came back within <see cref="MaturesAfterDays"/> days of the close: staff recorded
    /// their return on the case (an org-local date), or the same customer has a later case with a transaction value,
    /// opened after this one closed. Over the case row <c>c</c>; <c>@tz</c> is the organisation's zone.
    /// </summary>
    public const string Retained =
        "(c.outcome = 'Recovered' AND (COALESCE(c.returned_on <= (c.closed_at AT TIME ZONE @tz)::date + 90, false) " +
        "OR EXISTS (SELECT 1 FROM recovery_cases n WHERE n.customer_id = c.customer_id AND n.id <> c.id AND n.transaction_value IS NOT NULL " +
        "AND n.opened_at > c.closed_at AND n.opened_at <= c.closed_at + interval '90 days')))";

    /// <summary>
    /// A recovery the customer thanked: closed as Recovered and rated CSAT 5 or NPS 9–10 in the survey after the
    /// failure. Over the case row <c>c</c>: the roll-up, the queue (<c>View.Measure=Thanked</c>) and the staff home page use it.
    /// </summary>
    public const string Thanked = "(c.outcome = 'Recovered' AND COALESCE(c.csat = 5 OR c.nps_after >= 9, false))";

    public static readonly IReadOnlyList<KpiColumn> All =
    [
        new("opened", "1", "0"),
        new("opened_with_owner", "(c.owner_id IS NOT NULL)::int", "0"),
        new("opened_repeat", Repeat, "0"),
        new("opened_web", "(c.channel = 'Web')::int", "0"),
        new("closed", "0", "1"),
        new("closed_recovered", "0", "(c.outcome = 'Recovered')::int"),
        new("closed_unsatisfied", "0", "(c.outcome = 'Unsatisfied')::int"),
        new("closed_unreachable", "0", "(c.outcome = 'Unreachable')::int"),
        new("closed_withdrawn", "0", "(c.outcome = 'Withdrawn')::int"),
        new("closed_resolved", "0", $"({Resolved})::int"),
        new("first_contact", "0", $"({Resolved} AND COALESCE(c.first_fix_at_first_contact, false) AND c.reopen_count = 0)::int"),
        new("reopened", "0", $"({Resolved} AND c.reopen_count > 0)::int"),
        new("fr_measured", "0", $"({Resolved} AND c.first_response_business_minutes IS NOT NULL)::int"),
        new("fr_met", "0", $"({Resolved} AND COALESCE(c.first_response_met_sla, false))::int"),
        new("res_measured", "0", $"({Resolved} AND c.resolution_business_minutes IS NOT NULL)::int"),
        new("res_met", "0", $"({Resolved} AND COALESCE(c.resolution_met_sla, false))::int"),
        new("compensation_recovered", "0", Granted, "numeric(14,2)"),
        new("csat_answered", "0", $"({Resolved} AND c.csat IS NOT NULL)::int"),
        new("csat_sum", "0", $"CASE WHEN {Resolved} THEN COALESCE(c.csat, 0) ELSE 0 END"),
        .. Enumerable.Range(1, 5).Select(i => new KpiColumn(
            string.Create(CultureInfo.InvariantCulture, $"csat_{i}"), "0", string.Create(CultureInfo.InvariantCulture, $"({Resolved} AND COALESCE(c.csat = {i}, false))::int"))),
        new("nps_answered", "0", $"({Resolved} AND c.nps_after IS NOT NULL)::int"),
        new("nps_promoters", "0", $"({Resolved} AND COALESCE(c.nps_after >= 9, false))::int"),
        new("nps_detractors", "0", $"({Resolved} AND COALESCE(c.nps_after <= 6, false))::int"),
        new("nps_both", "0", $"({Resolved} AND c.nps_before IS NOT NULL AND c.nps_after IS NOT NULL)::int"),
        new("nps_both_before_promoters", "0", $"({Resolved} AND c.nps_after IS NOT NULL AND COALESCE(c.nps_before >= 9, false))::int"),
        new("nps_both_before_detractors", "0", $"({Resolved} AND c.nps_after IS NOT NULL AND COALESCE(c.nps_before <= 6, false))::int"),
        new("nps_both_after_promoters", "0", $"({Resolved} AND c.nps_before IS NOT NULL AND COALESCE(c.nps_after >= 9, false))::int"),
        new("nps_both_after_detractors", "0", $"({Resolved} AND c.nps_before IS NOT NULL AND COALESCE(c.nps_after <= 6, false))::int"),
        new("closed_surveyed", "0", $"({Resolved} AND EXISTS (SELECT 1 FROM survey_invitations s WHERE s.case_id = c.id))::int"),
        new("closed_with_cause", "0", $"({Resolved} AND c.root_cause_id IS NOT NULL)::int"),
        new("closed_thanked", "0", $"{Thanked}::int"),
        new("retention_base", "0", "(c.outcome = 'Recovered')::int", Matures: true),
        new("retained", "0", $"{Retained}::int", Matures: true),
        .. Histogram("fr", "c.first_response_business_minutes"),
        .. Histogram("res", "c.resolution_business_minutes"),
    ];

    /// <summary>The duration measures kept as histograms (<see cref="KpiBuckets"/>).</summary>
    public static readonly IReadOnlyList<string> Histograms = ["fr", "res"];

    private static IEnumerable<KpiColumn> Histogram(string measure, string minutes)
    {
        for (var i = 0; i < KpiBuckets.Count; i++)
        {
            var (lower, upper) = KpiBuckets.Range(i);
            var test = upper is { } u
                ? FormattableString.Invariant($"{minutes} > {lower} AND {minutes} <= {u}")
                : FormattableString.Invariant($"{minutes} > {lower}");
            if (i == 0)
            {
                test = FormattableString.Invariant($"{minutes} <= {upper}");
            }

            // COALESCE: a case without the measure (minutes NULL) is in no bucket, rather than making the day's sum NULL.
            yield return new(KpiBuckets.Column(measure, i), "0", $"({Resolved} AND COALESCE({test}, false))::int");
        }
    }
}
