using Microsoft.AspNetCore.Identity;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>A member of staff who can sign in.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>
    /// Per-user override of the atonement (compensation) limit, in the organisation's currency.
    /// Null means "the default for the user's role".
    /// </summary>
    public decimal? AtonementLimit { get; set; }

    /// <summary>A disabled user cannot sign in and their running sessions end.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The password was set by someone else (an Admin, the bootstrap): it must be changed at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
}
