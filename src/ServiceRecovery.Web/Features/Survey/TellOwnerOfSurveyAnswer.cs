using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>
/// Tells the case's owner (by e-mail, <see cref="MessageKinds.CaseReopened"/>) when a survey answer needs them: the
/// customer says it is not fixed (the case reopened, or it was closed already), or asks to be contacted. An unassigned
/// case has nobody to tell: the answer is on its timeline and the case is back in the queue.
/// </summary>
internal sealed class TellOwnerOfSurveyAnswer(AppDbContext db, Outbox outbox, IOptions<AppOptions> app, IOptions<OrganisationOptions> organisation)
    : INotificationHandler<CaseEventNotification<SurveyAnswered>>
{
    public async Task Handle(CaseEventNotification<SurveyAnswered> notification, CancellationToken cancellationToken)
    {
        var answered = notification.Event;
        var notFixed = !answered.Fixed;
        if (!notFixed && !answered.WantsContact)
        {
            return;
        }

        var recoveryCase = db.ChangeTracker.Entries<RecoveryCase>().Select(e => e.Entity).FirstOrDefault(c => c.Id == answered.CaseId)
            ?? await db.Cases.SingleAsync(c => c.Id == answered.CaseId, cancellationToken);
        if (recoveryCase.OwnerId is not { } ownerId)
        {
            return;
        }

        var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId && !u.IsDisabled && u.Email != null)
            .Select(u => new { u.Email, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return;
        }

        var invitation = recoveryCase.SurveyInvitations.Single(i => i.Id == answered.InvitationId);
        var customerName = await db.Customers.Where(c => c.Id == recoveryCase.CustomerId).Select(c => c.Name).SingleAsync(cancellationToken);
        outbox.Enqueue(
            MessageKinds.CaseReopened,
            new MessageRecipient(owner.Email!, owner.DisplayName),
            CustomerLanguages.Default, // staff read the app in the organisation's one language
            new Dictionary<string, object?>
            {
                ["name"] = owner.DisplayName,
                ["reference"] = recoveryCase.Reference,
                ["customer"] = customerName,
                ["reopened"] = answered.Effect == SurveyAnswerEffect.Reopened,
                ["not_fixed"] = notFixed,
                ["csat"] = invitation.Csat,
                ["nps"] = invitation.Nps,
                ["wants_contact"] = answered.WantsContact,
                ["comment"] = invitation.Comment,
                ["link"] = app.Value.Link(Routes.Case(recoveryCase.Reference)),
                ["organisation"] = organisation.Value.Name,
            },
            recoveryCase.Id);
    }
}
