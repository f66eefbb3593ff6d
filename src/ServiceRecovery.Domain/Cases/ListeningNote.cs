using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>What the customer feels and what they would like to happen. One per case.</summary>
public sealed class ListeningNote
{
    private ListeningNote()
    {
        CustomerFeels = ByName = string.Empty;
    }

    internal ListeningNote(Guid caseId, string customerFeels, string? customerWouldLike, ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        CustomerFeels = customerFeels;
        CustomerWouldLike = customerWouldLike;
        ById = ctx.Actor.UserId;
        ByName = ctx.Actor.Name;
        At = ctx.Now;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string CustomerFeels { get; private set; }

    public string? CustomerWouldLike { get; private set; }

    public Guid ById { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }
}
