using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;

namespace ServiceRecovery.Web.Features.Approvals;

/// <summary>
/// Approvals: gestures waiting for a supervisor, oldest first, with what is needed to decide — case, severity,
/// customer tier and compensation history, the guidance band, who proposed it and how long it has waited.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class Index(IMediator mediator, CaseActors actors) : PageModel
{
    public const int PageSize = 50;

    public Result Queue { get; private set; } = Result.Empty;

    public DateTimeOffset Now => actors.Now;

    public async Task OnGetAsync() => Queue = await mediator.Send(new Query(), HttpContext.RequestAborted);

    public sealed record Query : IRequest<Result>;

    public sealed record Row(
        string Reference, string Category, Severity Severity, string WhatHappened,
        Guid CustomerId, string CustomerName, CustomerTier Tier, bool Flagged, string FlagExplanation, CompensationHistory History,
        GestureType Gesture, decimal Amount, string Currency, string? NeedsApprovalBecause,
        GuidanceSuggestion Guidance, string ProposedByName, bool IsMine, bool AboveMyLimit, DateTimeOffset ProposedAt);

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, decimal MyLimit)
    {
        public static readonly Result Empty = new([], 0, 0);
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors, CompensationContext compensation, IOptions<Web.Infrastructure.Web.OrganisationOptions> organisation)
        : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = actors.Actor.UserId;
            var pending = db.Cases.AsNoTracking()
                .Where(c => c.Stage == Stage.AtonementPendingApproval)
                .SelectMany(c => c.Atonements.Where(a => a.Status == AtonementStatus.PendingApproval), (c, a) => new { Case = c, Atonement = a });
            var total = await pending.CountAsync(cancellationToken);
            var rows = await pending
                .OrderBy(x => x.Atonement.ProposedAt).ThenBy(x => x.Atonement.Id)
                .Take(PageSize)
                .Join(db.Customers, x => x.Case.CustomerId, c => c.Id, (x, c) => new
                {
                    x.Case.Id, x.Case.Reference, x.Case.Category, x.Case.Severity, x.Case.WhatHappened, CustomerId = c.Id, c.Name, c.Tier,
                    x.Atonement.Gesture, Amount = x.Atonement.Amount ?? 0m, x.Atonement.Currency, x.Atonement.NeedsApprovalBecause,
                    x.Atonement.ProposedByName, x.Atonement.ProposedById, x.Atonement.ProposedAt,
                })
                .ToListAsync(cancellationToken);

            var myLimit = await compensation.MyLimitAsync(cancellationToken);
            var result = new List<Row>(rows.Count);
            foreach (var r in rows)
            {
                var currency = r.Currency ?? organisation.Value.Currency;
                var flag = await compensation.FlagAsync(r.CustomerId, cancellationToken);
                result.Add(new Row(
                    r.Reference, r.Category, r.Severity, r.WhatHappened.Length > 140 ? r.WhatHappened[..140] + "…" : r.WhatHappened,
                    r.CustomerId, r.Name, r.Tier, flag.IsFlagged, flag.Explanation, await compensation.HistoryAsync(r.CustomerId, currency, cancellationToken),
                    r.Gesture, r.Amount, currency, r.NeedsApprovalBecause, await compensation.GuidanceAsync(r.Id, cancellationToken),
                    r.ProposedByName, r.ProposedById == me, r.Amount > myLimit, r.ProposedAt));
            }

            return new Result(result, total, myLimit);
        }
    }
}
