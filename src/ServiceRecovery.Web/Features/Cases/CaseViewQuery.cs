using MediatR;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// The case as the person looking at it may see it (the case page, every step page): with its whole timeline, or only
/// the entries after <paramref name="TimelineAfter"/> (what changed since a form was loaded), or none.
/// </summary>
public sealed record CaseViewQuery(string Reference, bool WithTimeline = true, int TimelineAfter = -1) : IRequest<(CaseVisibility Visibility, CaseView? View)>;

internal sealed class CaseViewQueryHandler(AppDbContext db, CaseActors actors, SlaPolicies policies, CompensationContext compensation)
    : IRequestHandler<CaseViewQuery, (CaseVisibility Visibility, CaseView? View)>
{
    public Task<(CaseVisibility Visibility, CaseView? View)> Handle(CaseViewQuery request, CancellationToken cancellationToken) =>
        CaseViews.LoadAsync(db, actors, compensation, policies, request.Reference.ToUpperInvariant(), request.WithTimeline, request.TimelineAfter, cancellationToken);
}
