using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>My cases: my open cases grouped by what they need next, follow-ups due today first; then unassigned ones.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Mine(IMediator mediator, CaseActors actors) : PageModel
{
    public Result Cases { get; private set; } = Result.Empty;

    public DateTimeOffset Now => actors.Now;

    public async Task OnGetAsync() => Cases = await mediator.Send(new Query(), HttpContext.RequestAborted);

    public sealed record Query : IRequest<Result>;

    public sealed record Row(string Reference, string CustomerName, Severity Severity, Stage Stage, string Category, DateTimeOffset OpenedAt, DateOnly? FollowUpDueOn);

    public sealed record Group(string Key, string Title, string Hint, IReadOnlyList<Row> Rows);

    public sealed record Result(IReadOnlyList<Group> Groups, IReadOnlyList<Row> Unassigned, int OpenCount)
    {
        public static readonly Result Empty = new([], [], 0);
    }

    private static readonly Stage[] OpenStages = Queue.QueueQuery.OpenStages;

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var me = actors.Actor.UserId;
            var today = actors.Today;
            var mine = await db.Cases.AsNoTracking()
                .Where(c => c.OwnerId == me && OpenStages.Contains(c.Stage))
                .Join(db.Customers, c => c.CustomerId, cu => cu.Id, (c, cu) => new Row(c.Reference, cu.Name, c.Severity, c.Stage, c.Category, c.OpenedAt, c.FollowUpDueOn))
                .ToListAsync(cancellationToken);
            var unassigned = await db.Cases.AsNoTracking()
                .Where(c => c.OwnerId == null && OpenStages.Contains(c.Stage))
                .OrderBy(c => c.OpenedAt).Take(10)
                .Join(db.Customers, c => c.CustomerId, cu => cu.Id, (c, cu) => new Row(c.Reference, cu.Name, c.Severity, c.Stage, c.Category, c.OpenedAt, c.FollowUpDueOn))
                .ToListAsync(cancellationToken);

            Group Make(string key, string title, string hint, Func<Row, bool> where, Func<Row, object> order) =>
                new(key, title, hint, [.. mine.Where(where).OrderBy(order).ThenByDescending(r => r.Severity)]);

            var groups = new List<Group>
            {
                Make("follow-up-today", "Follow-ups due today", "Ask: “Have we fixed everything for you?”", r => r.Stage == Stage.FollowUpDue && r.FollowUpDueOn <= today, r => r.FollowUpDueOn!),
                Make("apologize", "To apologize", "Act quickly: apologize first.", r => r.Stage == Stage.Logged, r => r.OpenedAt),
                Make("listen", "To listen", "Let them unwind; note how they feel.", r => r.Stage == Stage.Apologized, r => r.OpenedAt),
                Make("fix", "To fix", "Resolve it — most want what they asked for.", r => r.Stage == Stage.Listened, r => r.OpenedAt),
                Make("atone", "To make amends", "A fair gesture, or apology only with a reason.", r => r.Stage == Stage.Fixed, r => r.OpenedAt),
                Make("approval", "Waiting for approval", "A supervisor decides the gesture.", r => r.Stage == Stage.AtonementPendingApproval, r => r.OpenedAt),
                Make("schedule", "To schedule a follow-up", "Plan the call for the next business day.", r => r.Stage == Stage.Atoned, r => r.OpenedAt),
                Make("follow-up-later", "Follow-ups later", "Scheduled for a later day.", r => r.Stage == Stage.FollowUpDue && r.FollowUpDueOn > today, r => r.FollowUpDueOn!),
            };
            return new Result([.. groups.Where(g => g.Rows.Count > 0)], unassigned, mine.Count);
        }
    }
}
