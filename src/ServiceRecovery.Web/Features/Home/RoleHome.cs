using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Home;

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
                new("Improvement inbox", "Root causes, their cases and cost, and the improvement actions on them.", Routes.Improvement),
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
                new("Root causes", "The causes staff choose at the fix step, and their process owners.", Routes.RootCauses),
            ]),
        Roles.ProcessOwner => new(role, "Process ownership",
            "See the complaints your processes cause, what they cost, and whether your improvements made them rarer.",
            [
                new("Improvement inbox", "Your causes' cases of the last 30 or 90 days, the weekly trend, and your improvement actions.", Routes.Improvement),
            ]),
        _ => new(role, role, "", []),
    };
}
