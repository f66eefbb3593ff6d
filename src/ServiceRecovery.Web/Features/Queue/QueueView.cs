using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>Everything that defines a view of the queue; it all lives in the URL, so a view can be bookmarked and shared.</summary>
public sealed record QueueView
{
    public Stage? Stage { get; init; }

    public Severity? Severity { get; init; }

    /// <summary>"me", "none" (unassigned) or a user id.</summary>
    public string? Owner { get; init; }

    public Channel? Channel { get; init; }

    public string? Category { get; init; }

    public SlaFilter Sla { get; init; }

    /// <summary>Only cases older than this many days.</summary>
    public int? OlderThanDays { get; init; }

    /// <summary>Reference (prefix) or customer name (contains).</summary>
    public string? Text { get; init; }

    /// <summary>Only cases whose customer is flagged for repeated compensation now.</summary>
    public bool Flagged { get; init; }

    /// <summary>Open cases (default), closed ones, or all: the dashboard links to the cases behind its figures.</summary>
    public QueueStatus Status { get; init; }

    /// <summary>Opened on or after this day (the organisation's calendar).</summary>
    public DateOnly? OpenedFrom { get; init; }

    /// <summary>Opened on or before this day.</summary>
    public DateOnly? OpenedTo { get; init; }

    /// <summary>Closed on or after this day (implies closed cases).</summary>
    public DateOnly? ClosedFrom { get; init; }

    /// <summary>Closed on or before this day (implies closed cases).</summary>
    public DateOnly? ClosedTo { get; init; }

    public CaseOutcome? Outcome { get; init; }

    /// <summary>The cases behind one dashboard figure.</summary>
    public QueueMeasure Measure { get; init; }

    /// <summary>The dashboard's root-cause filter: a root cause id, or "none" for cases without one.</summary>
    public string? Cause { get; init; }

    /// <summary>True when the view reaches beyond the open cases or narrows by dates (a link from the dashboard).</summary>
    public bool IsFromInsights => Status != QueueStatus.Open || OpenedFrom is not null || OpenedTo is not null
        || ClosedFrom is not null || ClosedTo is not null || Outcome is not null || Measure != QueueMeasure.Any || Cause is not null;

    public QueueSort Sort { get; init; }

    public int Size { get; init; } = 25;

    /// <summary>Keyset cursor: the sort key and id of the last row of the previous page.</summary>
    public string? After { get; init; }

    public int PageSize => Size is 50 or 100 ? Size : 25;
}
