namespace ServiceRecovery.Web.Data;

/// <summary>
/// Append-only record of an administrative change (users, roles, limits). Written by the handler in the
/// same transaction as the change it describes. Case changes have their own timeline.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public AuditEntry(Guid? actorId, string actorName, string action, string subject, string details, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        Subject = subject;
        Details = details;
        At = at;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public string ActorName { get; private set; } = "";

    /// <summary>Machine-readable action, e.g. <c>user.created</c>.</summary>
    public string Action { get; private set; } = "";

    /// <summary>What was changed, e.g. the user's email.</summary>
    public string Subject { get; private set; } = "";

    /// <summary>Before → after, in words.</summary>
    public string Details { get; private set; } = "";
}
