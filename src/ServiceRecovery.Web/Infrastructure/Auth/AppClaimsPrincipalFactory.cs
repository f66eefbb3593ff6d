using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Adds the display name to the auth cookie so the layout never needs the database to greet the user, and the marks
/// of an account not fully set up (a password to change, two-step sign-in to set up): see <see cref="AccountSetupRequired"/>.
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    TwoFactorRequirement twoFactor)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AppClaims.MustChangePassword, "true"));
        }

        var roles = identity.FindAll(Options.ClaimsIdentity.RoleClaimType).Select(c => c.Value);
        if (!user.TwoFactorEnabled && twoFactor.AppliesTo(user, roles))
        {
            identity.AddClaim(new Claim(AppClaims.TwoFactorRequired, "true"));
        }
        return identity;
    }
}
