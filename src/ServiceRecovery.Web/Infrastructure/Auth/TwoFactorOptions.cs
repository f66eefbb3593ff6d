namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Who must sign in in two steps (password, then a code from an authenticator app): "Auth:RequireTwoFactorForRoles"
/// (Supervisor, Manager and Admin: the people who approve money or administer users). In Development,
/// "Auth:ExemptDemoUsersFromTwoFactor" lets the @demo.test accounts in with their password alone, so the demo logins keep working.
/// </summary>
public sealed class TwoFactorOptions
{
    /// <summary>Comma-separated role names; empty: nobody has to (anyone may still turn it on).</summary>
    public string RequireTwoFactorForRoles { get; set; } = string.Join(',', Roles.Supervisor, Roles.Manager, Roles.Admin);

    public IReadOnlyList<string> RequiredFor =>
        [.. RequireTwoFactorForRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public bool ExemptDemoUsersFromTwoFactor { get; set; }
}
