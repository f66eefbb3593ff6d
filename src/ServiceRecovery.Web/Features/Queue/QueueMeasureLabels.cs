namespace ServiceRecovery.Web.Features.Queue;

/// <summary>How the queue names the dashboard figure a view came from ("From the dashboard: closed cases, …").</summary>
public static class QueueMeasureLabels
{
    public static string Label(this QueueMeasure measure) => measure switch
    {
        QueueMeasure.Resolved => "not withdrawn",
        QueueMeasure.FirstResponseMet => "first response within SLA",
        QueueMeasure.ResolutionMet => "resolution within SLA",
        QueueMeasure.FirstContact => "resolved at first contact",
        QueueMeasure.Reopened => "reopened at least once",
        QueueMeasure.Repeat => "repeat complaints",
        QueueMeasure.Owned => "with an owner",
        QueueMeasure.CsatAnswered => "CSAT answered",
        QueueMeasure.NpsAnswered => "NPS answered",
        QueueMeasure.NpsBoth => "NPS before and after",
        QueueMeasure.Thanked => "thanked by the customer",
        QueueMeasure.Retained => "customer came back within 90 days",
        _ => "all",
    };
}
