using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Who must sign in in two steps (<see cref="TwoFactorOptions"/>): the one rule the sign-in cookie's marks, the setup
/// page and the "turn off" command all ask.
/// </summary>
public sealed class TwoFactorRequirement(IOptions<TwoFactorOptions> options, IHostEnvironment environment)
{
    public bool AppliesTo(AppUser user, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        var exempt = options.Value.ExemptDemoUsersFromTwoFactor && environment.IsDevelopment()
            && user.Email?.EndsWith("@demo.test", StringComparison.OrdinalIgnoreCase) == true;
        return !exempt && roles.Any(r => options.Value.RequiredFor.Contains(r, StringComparer.OrdinalIgnoreCase));
    }
}
