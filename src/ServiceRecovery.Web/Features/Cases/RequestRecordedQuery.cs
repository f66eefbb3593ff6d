using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Whether a form's request id is already on a case's timeline (a double submit whose first one won).</summary>
public sealed record RequestRecordedQuery(Guid RequestId) : IRequest<bool>;

internal sealed class RequestRecordedQueryHandler(AppDbContext db) : IRequestHandler<RequestRecordedQuery, bool>
{
    public Task<bool> Handle(RequestRecordedQuery request, CancellationToken cancellationToken) =>
        db.Timeline.AnyAsync(t => t.RequestId == request.RequestId, cancellationToken);
}
