namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// The cases behind one dashboard figure (Features/Insights/KpiFigures), with the same definitions as the roll-up's
/// columns (KpiColumns): "resolved" means closed other than withdrawn.
/// </summary>
public enum QueueMeasure
{
    Any,

    /// <summary>Closed other than withdrawn.</summary>
    Resolved,

    /// <summary>Resolved, with a first response that met its SLA.</summary>
    FirstResponseMet,

    /// <summary>Resolved, with a first fix that met its SLA.</summary>
    ResolutionMet,

    /// <summary>Resolved at first contact and never reopened.</summary>
    FirstContact,

    /// <summary>Resolved after at least one reopen.</summary>
    Reopened,

    /// <summary>The same customer had another case in the same category in the 30 days before.</summary>
    Repeat,

    /// <summary>Has an owner.</summary>
    Owned,

    /// <summary>Resolved cases whose customer gave a CSAT score.</summary>
    CsatAnswered,

    /// <summary>Resolved cases whose customer gave an NPS score after the recovery.</summary>
    NpsAnswered,

    /// <summary>Resolved cases with an NPS score both before (at intake) and after the recovery.</summary>
    NpsBoth,

    /// <summary>Recovered cases the customer rated CSAT 5 or NPS 9–10.</summary>
    Thanked,

    /// <summary>Recovered cases whose customer came back within 90 days of the close (Insights.KpiColumns.Retained).</summary>
    Retained,
}
