namespace ServiceRecovery.Web.Features.Queue;

/// <summary>Which cases the queue lists: the open ones (its everyday use), the closed ones, or both (links from the dashboard).</summary>
public enum QueueStatus
{
    Open,
    Closed,
    All,
}
