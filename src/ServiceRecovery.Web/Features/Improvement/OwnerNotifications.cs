using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Improvement;

/// <summary>
/// Tells a root cause's process owner that a case with their cause closed (stage 5 of service recovery: the owners
/// of the processes that cause customer issues are notified). Runs inside the closing command's transaction, so the
/// message exists exactly when the close does. Owners get English (staff language).
/// </summary>
public sealed class OwnerNotifications(AppDbContext db, Outbox outbox, IOptions<OrganisationOptions> organisation)
    : INotificationHandler<CaseEventNotification<CaseClosed>>
{
    public const string OwnerLanguage = "en";

    public async Task Handle(CaseEventNotification<CaseClosed> notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var closed = notification.Event;
        if (closed.Outcome is null or CaseOutcome.Withdrawn)
        {
            return;
        }

        var recoveryCase = db.Cases.Local.FirstOrDefault(c => c.Id == closed.CaseId)
            ?? await db.Cases.SingleAsync(c => c.Id == closed.CaseId, cancellationToken);
        if (recoveryCase.RootCauseId is not { } causeId)
        {
            return;
        }

        var owner = await (from cause in db.RootCauses
                           join g in db.RootCauseGroups on cause.GroupId equals g.Id
                           join u in db.Users on cause.ProcessOwnerId equals u.Id
                           where cause.Id == causeId && !u.IsDisabled && u.Email != null
                           select new { u.Email, u.DisplayName, Cause = new RootCauseLeaf(cause.Id, g.Name, cause.Name, true) })
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return;
        }

        outbox.Enqueue(
            MessageKinds.RootCauseCaseClosed,
            new MessageRecipient(owner.Email!, owner.DisplayName),
            OwnerLanguage,
            new Dictionary<string, object?>
            {
                ["name"] = owner.DisplayName,
                ["reference"] = closed.Reference,
                ["category"] = recoveryCase.Category,
                ["outcome"] = closed.Outcome.Value.ToString().ToLowerInvariant(),
                ["cause"] = owner.Cause.FullName,
                ["link"] = Routes.Improvement,
                ["organisation"] = organisation.Value.Name,
            },
            closed.CaseId);
    }
}
