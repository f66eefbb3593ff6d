using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Infrastructure.Auditing;

/// <summary>
/// Writes an administrative change to the audit trail (who, what, on what, when), in the command's own unit of work:
/// the entry is saved with the change or not at all. Case changes go on the case's timeline instead.
/// </summary>
public sealed class AuditTrail(AppDbContext db, CurrentUser actor, TimeProvider clock)
{
    public void Record(string action, string subject, string details) =>
        db.AuditEntries.Add(new AuditEntry(actor.Id, actor.Name, action, subject, details, clock.GetUtcNow()));
}
