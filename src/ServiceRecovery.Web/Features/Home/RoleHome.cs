using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Home;

public sealed record RoleHome(string Role, string Heading, string Intro, IReadOnlyList<RoleLink> Links)
{
    public static IReadOnlyList<RoleHome> For(IEnumerable<string> roles) => roles.Select(Create).ToList();

    private static RoleHome Create(string role) => role switch
    {
        Roles.Frontline => new(role, "Front desk",
            "Log what went wrong in the customer's own words, then walk the case through apologize, empathize, fix, atone and follow up.",
            [
                new("Log a complaint", "Find or add the customer, write what happened in their words.", "/cases/new"),
                new("My cases", "Your open cases by what they need next, follow-ups due today first.", "/cases/mine"),
            ]),
        Roles.Supervisor => new(role, "Supervision",
            "Approve gestures above a colleague's limit and take over escalated cases.",
            [
                new("Log a complaint", "Take a complaint yourself; you can act on any case.", "/cases/new"),
                new("Approvals", "Gestures above a colleague's limit, oldest first.", "/approvals"),
            ]),
        Roles.Manager => new(role, "Management",
            "Watch the queue, promises to customers (SLAs), approvals and compensation spend.",
            [
                new("Compensation", "Gestures given, per customer, staff member and month; CSV for finance.", "/compensation"),
                new("Approvals", "Gestures waiting for a decision, including those above a supervisor's limit.", "/approvals"),
                new("Queue", "Open cases by their promise to the customer, with filters and bulk assignment.", "/queue"),
                new("Escalations", "Cases past their SLA.", "/queue?View.Sla=Breached"),
            ]),
        Roles.Admin => new(role, "Administration",
            "Create staff accounts, set their roles and atonement limits, disable leavers.",
            [
                new("Users", "Create users, set roles and atonement limits, disable accounts.", "/admin/users"),
                new("Add a user", "Give a new member of staff their account.", "/admin/users/new"),
                new("Complaint categories", "The list on the intake form.", "/admin/categories"),
                new("Apology coaching", "Phrases to avoid and what to say instead.", "/admin/coaching"),
                new("Compensation guidance", "The suggested range per severity.", "/admin/guidance"),
                new("SLA policy", "Response and resolution targets, business hours.", "/admin/sla"),
            ]),
        _ => new(role, role, "", []),
    };
}
