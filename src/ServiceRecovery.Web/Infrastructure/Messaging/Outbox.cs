using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// Puts a message in the outbox: rendered now, added to the command's DbContext, so it is saved by the same
/// SaveChanges and committed in the same transaction as the change that causes it (the unit of work). Call it from
/// a command handler or a case-event handler (<c>CaseEventNotification&lt;T&gt;</c>), never on its own. The sender
/// (a Quartz job) sends it afterwards.
/// </summary>
public sealed class Outbox(AppDbContext db, MessageTemplates templates, TimeProvider clock)
{
    public OutboxMessage Enqueue(string kind, MessageRecipient to, string language, IReadOnlyDictionary<string, object?> fields, Guid? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        var rendered = templates.Render(kind, language, fields);
        var message = new OutboxMessage(kind, language, to.Address, to.Name, rendered, caseId, clock.GetUtcNow());
        db.OutboxMessages.Add(message);
        return message;
    }
}

/// <summary>Who a message goes to.</summary>
public sealed record MessageRecipient(string Address, string Name);
