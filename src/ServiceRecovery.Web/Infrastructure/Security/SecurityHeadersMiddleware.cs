namespace ServiceRecovery.Web.Infrastructure.Security;

/// <summary>Security headers on every response, static files and error pages included.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>No inline script or style anywhere: every script and stylesheet is a file under wwwroot.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (IsSecretAddress(context.Request.Path))
            {
                // The survey link's token is in the address (ADR 0016): never sent on as a referrer, never kept in a
                // cache, never indexed.
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
                headers["X-Robots-Tag"] = "noindex, nofollow";
            }

            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>Addresses that carry a secret: the survey pages, <c>/s/…</c>.</summary>
    public static bool IsSecretAddress(PathString path) => path.StartsWithSegments("/s", StringComparison.OrdinalIgnoreCase);
}
