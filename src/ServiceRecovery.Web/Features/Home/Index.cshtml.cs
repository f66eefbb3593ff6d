using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;
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

public sealed record RoleHome(string Role, string Heading, string Intro, IReadOnlyList<RoleLink> Links)
{
    public static IReadOnlyList<RoleHome> For(IEnumerable<string> roles) => roles.Select(Create).ToList();

    private static RoleHome Create(string role) => role switch
    {
        Roles.Frontline => new(role, "Front desk",
            "Log what went wrong in the customer's own words, then walk the case through apologize, empathize, fix, atone and follow up.",
            [
                new("Log a complaint", "Find or add the customer, write what happened in their words.", Routes.NewCase),
                new("My cases", "Your open cases by what they need next, follow-ups due today first.", Routes.MyCases),
            ]),
        Roles.Supervisor => new(role, "Supervision",
            "Approve gestures above a colleague's limit and take over escalated cases.",
            [
                new("Log a complaint", "Take a complaint yourself; you can act on any case.", Routes.NewCase),
                new("Approvals", "Gestures above a colleague's limit, oldest first.", Routes.Approvals),
            ]),
        Roles.Manager => new(role, "Management",
            "Watch the queue, promises to customers (SLAs), approvals and compensation spend.",
            [
                new("Compensation", "Gestures given, per customer, staff member and month; CSV for finance.", Routes.Compensation),
                new("Approvals", "Gestures waiting for a decision, including those above a supervisor's limit.", Routes.Approvals),
                new("Queue", "Open cases by their promise to the customer, with filters and bulk assignment.", Routes.Queue),
                new("Escalations", "Cases past their SLA.", $"{Routes.Queue}?View.Sla=Breached"),
            ]),
        Roles.Admin => new(role, "Administration",
            "Create staff accounts, set their roles and atonement limits, disable leavers.",
            [
                new("Users", "Create users, set roles and atonement limits, disable accounts.", Routes.Users),
                new("Add a user", "Give a new member of staff their account.", Routes.NewUser),
                new("Complaint categories", "The list on the intake form.", Routes.Categories),
                new("Apology coaching", "Phrases to avoid and what to say instead.", Routes.Coaching),
                new("Compensation guidance", "The suggested range per severity.", Routes.Guidance),
                new("SLA policy", "Response and resolution targets, business hours.", Routes.Sla),
            ]),
        _ => new(role, role, "", []),
    };
}

/// <summary>A place to go; <see cref="Href"/> is null while the feature is still being built.</summary>
public sealed record RoleLink(string Title, string Description, string? Href);
