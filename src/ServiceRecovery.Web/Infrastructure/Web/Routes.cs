namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// The app's URLs where no page is at hand to generate them: a query's result (compensation lines, a case's next
/// steps), the home page's menu, and the layout and queue, which run on every request and on the measured hot path
/// (docs/benchmarks.md), where a constant costs nothing and link generation does. Views link with asp-page and page
/// models redirect with RedirectToPage; RoutesTests checks each URL here against what link generation gives.
/// Links to a case use <see cref="Case"/> everywhere: link generation lowercases whole paths (LowercaseUrls), which
/// would turn SR-2026-000042 into sr-2026-000042 in the address bar; here the reference stays as people read it.
/// </summary>
public static class Routes
{
    public const string Home = "/";
    public const string NewCase = "/cases/new";
    public const string MyCases = "/cases/mine";
    public const string Queue = "/queue";
    public const string Approvals = "/approvals";
    public const string Compensation = "/compensation";
    public const string Insights = "/insights";
    public const string Users = "/admin/users";
    public const string NewUser = "/admin/users/new";
    public const string Categories = "/admin/categories";
    public const string Coaching = "/admin/coaching";
    public const string Guidance = "/admin/guidance";
    public const string Sla = "/admin/sla";
    public const string Messages = "/admin/messages";
    public const string Password = "/account/password";
    public const string Improvement = "/improvement";
    public const string RootCauses = "/admin/root-causes";

    /// <summary>The case page, or one of its step pages: <paramref name="step"/> is what follows the reference ("apologize", "follow-up/outcome?outcome=NoAnswer").</summary>
    public static string Case(string reference, string? step = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var path = "/cases/" + Uri.EscapeDataString(reference.ToUpperInvariant());
        return step is null ? path : $"{path}/{step}";
    }

    public static string Customer(Guid id) => $"/customers/{id}";
}
