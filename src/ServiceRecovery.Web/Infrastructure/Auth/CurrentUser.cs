using System.Security.Claims;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Who is acting, for handlers. Reads the signed-in user of the current request; tests (and background
/// work) can act as someone else with <see cref="ActAs"/>.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor)
{
    private ClaimsPrincipal? _override;

    public ClaimsPrincipal Principal =>
        _override ?? httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => Principal.FindFirstValue(AppClaims.DisplayName) ?? Principal.Identity?.Name ?? "system";

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public void ActAs(ClaimsPrincipal principal) => _override = principal;
}
