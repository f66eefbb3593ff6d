using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Home;

/// <summary>The signed-in user's home: one section per role they hold, with that role's next places to go.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Index(CurrentUser currentUser, IMediator mediator, CaseActors actors) : PageModel
{
    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<RoleHome> Sections { get; private set; } = [];

    /// <summary>Frontline staff see their cases right here: their home is "My cases".</summary>
    public MyCasesModel? MyCases { get; private set; }

    /// <summary>Decisions on gestures I proposed, last 14 days.</summary>
    public IReadOnlyList<Decision> Decisions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        DisplayName = currentUser.Name;
        Sections = RoleHome.For(Roles.All.Where(currentUser.IsInRole));
        if (currentUser.IsInRole(Roles.Frontline))
        {
            MyCases = new MyCasesModel(await mediator.Send(new Mine.Query(), HttpContext.RequestAborted), actors.Now);
        }

        Decisions = await mediator.Send(new DecisionsQuery(), HttpContext.RequestAborted);
    }

    public sealed record Decision(string Reference, Domain.Cases.GestureType Gesture, decimal? Proposed, decimal? Approved, string? Currency,
        Domain.Cases.AtonementStatus Status, string? DecidedByName, string? Reason, DateTimeOffset? DecidedAt);

    public sealed record DecisionsQuery : IRequest<IReadOnlyList<Decision>>;

    internal sealed class DecisionsHandler(Data.AppDbContext db, CaseActors actors) : IRequestHandler<DecisionsQuery, IReadOnlyList<Decision>>
    {
        public async Task<IReadOnlyList<Decision>> Handle(DecisionsQuery request, CancellationToken cancellationToken)
        {
            var me = actors.Actor.UserId;
            var since = actors.Now.AddDays(-14);
            return await db.Cases.AsNoTracking()
                .SelectMany(c => c.Atonements, (c, a) => new { c.Reference, A = a })
                .Where(x => x.A.ProposedById == me && x.A.NeedsApprovalBecause != null && x.A.ProposedAt >= since)
                .OrderByDescending(x => x.A.ProposedAt)
                .Take(10)
                .Select(x => new Decision(x.Reference, x.A.Gesture, x.A.ProposedAmount, x.A.Amount, x.A.Currency, x.A.Status, x.A.DecidedByName, x.A.DecisionReason, x.A.DecidedAt))
                .ToListAsync(cancellationToken);
        }
    }
}
