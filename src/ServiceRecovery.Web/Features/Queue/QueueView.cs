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

    public QueueSort Sort { get; init; }

    public int Size { get; init; } = 25;

    /// <summary>Keyset cursor: the sort key and id of the last row of the previous page.</summary>
    public string? After { get; init; }

    public int PageSize => Size is 50 or 100 ? Size : 25;
}
