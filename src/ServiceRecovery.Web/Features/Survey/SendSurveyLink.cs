using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>
/// The survey link goes out by itself, as its own message, once the recovery is done: when a follow-up is scheduled,
/// and again when the case closes if the customer has not answered in this round (never for a withdrawn case). Only
/// to a customer with an e-mail address: without one nothing is issued (an unsent token is lost for good), and the
/// owner takes a link from the case page to read out or text instead. Runs inside the command's transaction (ADR 0011),
/// so a step that rolls back sends nothing.
/// </summary>
internal sealed class SendSurveyLink(AppDbContext db, CaseActors actors, SurveyLinks links, Outbox outbox, IOptions<SurveyOptions> survey, IOptions<OrganisationOptions> organisation)
    : INotificationHandler<CaseEventNotification<StepRecorded>>, INotificationHandler<CaseEventNotification<CaseClosed>>
{
    public Task Handle(CaseEventNotification<StepRecorded> notification, CancellationToken cancellationToken) =>
        notification.Event.Kind == TimelineKinds.FollowUpScheduled
            ? SendAsync(notification.Event.CaseId, SurveyIssueReason.FollowUp, cancellationToken)
            : Task.CompletedTask;

    public Task Handle(CaseEventNotification<CaseClosed> notification, CancellationToken cancellationToken) =>
        notification.Event.Stage == Stage.Withdrawn
            ? Task.CompletedTask
            : SendAsync(notification.Event.CaseId, SurveyIssueReason.Closed, cancellationToken);

    private async Task SendAsync(Guid caseId, SurveyIssueReason reason, CancellationToken ct)
    {
        // The case that raised the event is tracked by this unit of work, with its steps loaded.
        var recoveryCase = db.ChangeTracker.Entries<RecoveryCase>().Select(e => e.Entity).FirstOrDefault(c => c.Id == caseId)
            ?? await db.Cases.WithSteps().SingleAsync(c => c.Id == caseId, ct);
        if (recoveryCase.SurveyRefusal is not null || (reason == SurveyIssueReason.Closed && recoveryCase.SurveyAnsweredThisRound))
        {
            return;
        }

        var customer = await db.Customers.SingleAsync(c => c.Id == recoveryCase.CustomerId, ct);
        var ctx = await actors.CaseContextAsync(requestId: null, ct);
        if (customer.Email is null || ctx.Actor.Roles == StaffRole.None)
        {
            // No address to send to; or no member of staff behind the change (a background job): nothing to issue.
            return;
        }

        var language = CustomerLanguages.IsSupported(customer.Language) ? customer.Language : CustomerLanguages.Default;
        var link = links.Issue(recoveryCase, language, reason, ctx);
        var expiresOn = ctx.Now.Add(survey.Value.ValidFor).ToString(
            language == CustomerLanguages.Vietnamese ? "d 'tháng' M, yyyy" : "d MMMM yyyy",
            CultureInfo.GetCultureInfo(language == CustomerLanguages.Vietnamese ? "vi-VN" : "en-GB"));
        outbox.Enqueue(
            MessageKinds.SurveyInvitation,
            new MessageRecipient(customer.Email, customer.Name),
            language,
            new Dictionary<string, object?>
            {
                ["name"] = customer.Name,
                ["reference"] = recoveryCase.Reference,
                ["link"] = link,
                ["expires_on"] = expiresOn,
                ["organisation"] = organisation.Value.Name,
            },
            recoveryCase.Id);
    }
}
