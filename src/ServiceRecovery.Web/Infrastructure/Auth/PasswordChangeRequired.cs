namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Someone signed in with a password an administrator set (<see cref="AppClaims.MustChangePassword"/>) goes to
/// <c>/account/password</c> from every page until they have chosen their own; signing out and the error pages stay open.
/// </summary>
public sealed class PasswordChangeRequired(RequestDelegate next)
{
    public const string PagePath = "/account/password";

    private static readonly string[] Open = [PagePath, "/account/logout", "/error", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.HasClaim(c => c.Type == AppClaims.MustChangePassword)
            && !Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && context.GetEndpoint() is { } endpoint
            && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
        {
            context.Response.Redirect(PagePath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
