using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Identity's sign-in manager, with three additions: a disabled user may not sign in; a disabled account's password
/// is checked, and a wrong one counted towards lockout, exactly as an enabled account's (so the answer and the time
/// it takes say nothing about the account); and every session remembers when it was signed in, for the absolute
/// session lifetime.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    TimeProvider clock)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private const string SignedInKey = "sr.signed_in";

    private readonly UserManager<AppUser> _users = userManager;

    public override async Task<bool> CanSignInAsync(AppUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<SignInResult> CheckPasswordSignInAsync(AppUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsDisabled)
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }

        // Disabled: the same work and the same answers as for an enabled account, and never a session.
        if (await _users.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        if (!await _users.CheckPasswordAsync(user, password) && lockoutOnFailure)
        {
            await _users.AccessFailedAsync(user);
            if (await _users.IsLockedOutAsync(user))
            {
                return SignInResult.LockedOut;
            }
        }

        return SignInResult.Failed;
    }

    public override Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        authenticationProperties ??= new AuthenticationProperties();
        authenticationProperties.Items[SignedInKey] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>When the session was signed in (kept through sliding renewals and session re-checks); null for an older cookie.</summary>
    public static DateTimeOffset? SignedInAt(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(SignedInKey, out var value)
        && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at
            : properties.IssuedUtc;
}
