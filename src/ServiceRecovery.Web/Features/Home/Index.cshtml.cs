using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

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
        Thanked = await mediator.Send(new ThankedQuery(), HttpContext.RequestAborted);
        if (currentUser.IsInRole(Roles.ProcessOwner))
        {
            ClosedWithMyCauses = await mediator.Send(new ClosedWithMyCausesQuery(), HttpContext.RequestAborted);
        }
    }

    /// <summary>How far back "Customers who thanked your recovery" looks.</summary>
    public const int ThankedDays = 30;

    /// <summary>My recoveries the customer rated CSAT 5 or NPS 9–10, closed in the last <see cref="ThankedDays"/> days (newest first).</summary>
    public IReadOnlyList<Insights.Recognition.ThankedCase> Thanked { get; private set; } = [];

    public sealed record ThankedQuery : IRequest<IReadOnlyList<Insights.Recognition.ThankedCase>>;

    internal sealed class ThankedHandler(Data.AppDbContext db, CaseActors actors, IOptions<OrganisationOptions> organisation)
        : IRequestHandler<ThankedQuery, IReadOnlyList<Insights.Recognition.ThankedCase>>
    {
        public async Task<IReadOnlyList<Insights.Recognition.ThankedCase>> Handle(ThankedQuery request, CancellationToken cancellationToken) =>
            await Insights.Recognition.CasesAsync(db, actors.Now.AddDays(-ThankedDays), actors.Now.AddMinutes(1), actors.Actor.UserId, organisation.Value.TimeZoneId, cancellationToken);
    }

    /// <summary>For a process owner: recently closed cases whose root cause they own (the last 14 days, newest first).</summary>
    public IReadOnlyList<ClosedCase> ClosedWithMyCauses { get; private set; } = [];

    public sealed record ClosedCase(string Reference, string Category, string Group, string Cause, Domain.Cases.CaseOutcome? Outcome, DateTimeOffset ClosedAt)
    {
        public string CauseName => new Domain.Cases.RootCauseLeaf(Guid.Empty, Group, Cause, true).FullName;
    }

    public sealed record ClosedWithMyCausesQuery : IRequest<IReadOnlyList<ClosedCase>>;

    internal sealed class ClosedWithMyCausesHandler(Data.AppDbContext db, CaseActors actors) : IRequestHandler<ClosedWithMyCausesQuery, IReadOnlyList<ClosedCase>>
    {
        public async Task<IReadOnlyList<ClosedCase>> Handle(ClosedWithMyCausesQuery request, CancellationToken cancellationToken)
        {
            var me = actors.Actor.UserId;
            var since = actors.Now.AddDays(-14);
            return await (from c in db.Cases.AsNoTracking()
                          join cause in db.RootCauses on c.RootCauseId equals cause.Id
                          join g in db.RootCauseGroups on cause.GroupId equals g.Id
                          where cause.ProcessOwnerId == me && c.ClosedAt >= since && c.Outcome != Domain.Cases.CaseOutcome.Withdrawn
                          orderby c.ClosedAt descending
                          select new ClosedCase(c.Reference, c.Category, g.Name, cause.Name, c.Outcome, c.ClosedAt!.Value))
                .Take(10).ToListAsync(cancellationToken);
        }
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
