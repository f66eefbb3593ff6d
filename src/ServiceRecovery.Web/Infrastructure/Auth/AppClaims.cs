namespace ServiceRecovery.Web.Infrastructure.Auth;

public static class AppClaims
{
    public const string DisplayName = "sr:display_name";

    /// <summary>Present while the person must change a password someone else set (<see cref="AppUser.MustChangePassword"/>).</summary>
    public const string MustChangePassword = "sr:must_change_password";

    /// <summary>Present while the person's roles require two-step sign-in and they have not set it up (<see cref="TwoFactorOptions"/>).</summary>
    public const string TwoFactorRequired = "sr:two_factor_required";
}
