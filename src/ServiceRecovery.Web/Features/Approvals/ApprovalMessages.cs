using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Approvals;

/// <summary>
/// The messages around a gesture that needs approval: to every approver when one is waiting (not to the proposer: four
/// eyes), and to the proposer when it is approved or declined (not when they decided it themselves, which the domain
/// forbids anyway). Written to the outbox inside the command's transaction: a refused or rolled-back decision sends nothing.
/// </summary>
internal sealed class ApprovalMessages(AppDbContext db, Outbox outbox, IOptions<AppOptions> app)
    : INotificationHandler<CaseEventNotification<GestureProposed>>, INotificationHandler<CaseEventNotification<StepRecorded>>
{
    public async Task Handle(CaseEventNotification<GestureProposed> notification, CancellationToken cancellationToken)
    {
        var e = notification.Event;
        var approverRoleIds = Roles.Seed.Where(r => r.Name is Roles.Supervisor or Roles.Manager).Select(r => r.Id).ToList();
        var approvers = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Id != e.ProposedById && u.Email != null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && approverRoleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Email, u.DisplayName })
            .ToListAsync(cancellationToken);
        var proposer = await db.Users.AsNoTracking().Where(u => u.Id == e.ProposedById).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        foreach (var approver in approvers)
        {
            outbox.Enqueue(
                MessageKinds.GestureAwaitingApproval,
                new MessageRecipient(approver.Email!, approver.DisplayName),
                CustomerLanguages.Default,
                new Dictionary<string, object?>
                {
                    ["name"] = approver.DisplayName,
                    ["reference"] = e.Reference,
                    ["amount"] = Money(e.Amount),
                    ["currency"] = e.Currency ?? "",
                    ["because"] = e.Because,
                    ["proposer"] = proposer ?? "",
                    ["link"] = app.Value.Link(Routes.Case(e.Reference, "decide")),
                },
                e.CaseId);
        }
    }

    public async Task Handle(CaseEventNotification<StepRecorded> notification, CancellationToken cancellationToken)
    {
        var e = notification.Event;
        if (e.Kind is not (TimelineKinds.AtonementApproved or TimelineKinds.AtonementDeclined))
        {
            return;
        }

        // The case being changed is tracked by this very command: its decided gesture is the latest one.
        var decided = db.ChangeTracker.Entries<RecoveryCase>().Select(x => x.Entity).Single(c => c.Id == e.CaseId).LatestAtonement
            ?? throw new InvalidOperationException("A gesture was decided on a case without one.");
        if (decided.ProposedById == e.ActorId)
        {
            return;
        }

        var people = await db.Users.AsNoTracking().Where(u => u.Id == decided.ProposedById || u.Id == e.ActorId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.IsDisabled }).ToListAsync(cancellationToken);
        var proposer = people.SingleOrDefault(p => p.Id == decided.ProposedById);
        if (proposer is not { Email: not null, IsDisabled: false })
        {
            return;
        }

        var approved = e.Kind == TimelineKinds.AtonementApproved;
        outbox.Enqueue(
            MessageKinds.GestureDecided,
            new MessageRecipient(proposer.Email, proposer.DisplayName),
            CustomerLanguages.Default,
            new Dictionary<string, object?>
            {
                ["name"] = proposer.DisplayName,
                ["reference"] = e.Reference,
                ["approved"] = approved,
                ["amount"] = Money(approved ? decided.Amount : decided.ProposedAmount),
                ["proposed"] = Money(decided.ProposedAmount),
                ["adjusted"] = approved && decided.Amount != decided.ProposedAmount,
                ["currency"] = decided.Currency ?? "",
                ["decider"] = people.SingleOrDefault(p => p.Id == e.ActorId)?.DisplayName ?? "",
                ["reason"] = decided.DecisionReason ?? "",
                ["link"] = app.Value.Link(Routes.Case(e.Reference)),
            },
            e.CaseId);
    }

    private static string Money(decimal? amount) => amount?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
