namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Before anything else, a signed-in person finishes setting up their account: someone whose password an administrator
/// set (<see cref="AppClaims.MustChangePassword"/>) chooses their own at <c>/account/password</c>; someone whose role
/// approves money or administers others (<see cref="TwoFactorOptions"/>) sets up two-step sign-in at
/// <c>/account/two-factor</c>. Every other page leads there until then; signing out and the error pages stay open.
/// </summary>
public sealed class AccountSetupRequired(RequestDelegate next)
{
    public const string PasswordPage = "/account/password";

    public const string TwoFactorPage = "/account/two-factor";

    private static readonly string[] Open = [PasswordPage, TwoFactorPage, "/account/logout", "/error", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.User.HasClaim(c => c.Type == AppClaims.MustChangePassword) ? PasswordPage
            : context.User.HasClaim(c => c.Type == AppClaims.TwoFactorRequired) ? TwoFactorPage
            : null;
        if (target is not null
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
        {
            context.Response.Redirect(target);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
