using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Survey;

/// <summary>The survey part of the case page: NPS before, the links issued and their answers, and whether this person may take a new link.</summary>
public static class CaseSurvey
{
    public sealed record Query(Guid CaseId) : IRequest<Summary?>;

    public sealed record Summary(
        string Reference,
        int? NpsBefore,
        int? Csat,
        int? NpsAfter,
        DateTimeOffset? AnsweredAt,
        IReadOnlyList<Link> Links,
        string? Refusal,
        bool MayTakeLink,
        DateTimeOffset Now);

    public sealed record Link(
        DateTimeOffset IssuedAt,
        SurveyIssueReason Reason,
        string IssuedByName,
        string Language,
        DateTimeOffset ExpiresAt,
        SurveyInvitationState State,
        DateTimeOffset? AnsweredAt,
        bool? Fixed,
        string? Comment,
        int? Csat,
        int? Nps,
        bool? WantsContact);

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Query, Summary?>
    {
        public async Task<Summary?> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.SurveyInvitations).SingleOrDefaultAsync(x => x.Id == request.CaseId, cancellationToken);
            if (c is null)
            {
                return null;
            }

            var now = actors.Now;
            return new Summary(
                c.Reference,
                c.NpsBefore,
                c.Csat,
                c.NpsAfter,
                c.SurveyAnsweredAt,
                [.. c.SurveyInvitations.OrderByDescending(i => i.IssuedAt).Select(i => new Link(
                    i.IssuedAt, i.Reason, i.IssuedByName, i.Language, i.ExpiresAt, i.StateAt(now), i.AnsweredAt, i.Fixed, i.Comment, i.Csat, i.Nps, i.WantsContact))],
                c.SurveyRefusal,
                c.SurveyRefusal is null && c.MayBeActedOnBy(actors.Actor),
                now);
        }
    }
}
