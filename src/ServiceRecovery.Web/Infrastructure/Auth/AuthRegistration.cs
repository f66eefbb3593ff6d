using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Auth;

public static class AuthRegistration
{
    public static IServiceCollection AddAppAuth(
        this IServiceCollection services, IWebHostEnvironment environment)
    {
        services
            .AddIdentity<AppUser, AppRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        // OWASP 2023 guidance for PBKDF2-HMAC-SHA512 is 210,000 iterations (Identity's default is 100,000).
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        // How often a signed-in session is re-checked against the database: a disabled user (whose security
        // stamp changes) is signed out at the next check.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IConfiguration>((o, configuration) =>
            o.ValidationInterval = TimeSpan.FromSeconds(configuration.GetValue("Auth:SessionRevalidationSeconds", 30)));
        services.AddOptions<IdentityOptions>().Configure<IConfiguration>((o, configuration) =>
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Auth:LockoutMinutes", 15)));

        // Cookies are Secure outside Development. Auth:SecureCookies=false allows plain http (a local Docker
        // run without TLS, the browser tests); behind a TLS proxy keep it true and forward the scheme.
        CookieSecurePolicy Secure(IConfiguration configuration) =>
            configuration.GetValue("Auth:SecureCookies", !environment.IsDevelopment())
                ? CookieSecurePolicy.Always
                : CookieSecurePolicy.SameAsRequest;

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // The session check reads the database. When the database is down, the check is left for the next request:
            // the page needs the database too and answers 503. Failing here instead would fail the error page as well
            // (the request's authentication result is cached), and the person would get a bare 500 (benchmarks/chaos.sh).
            var validate = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                // However active a session is, it ends Auth:AbsoluteSessionHours after the sign-in (sliding renewals
                // keep the time of the sign-in: AppSignInManager.SignedInAt).
                var sessions = ctx.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SessionOptions>>().Value;
                var clock = ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                if (AppSignInManager.SignedInAt(ctx.Properties) is { } signedIn && clock.GetUtcNow() - signedIn > sessions.AbsoluteLifetime)
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                try
                {
                    await validate(ctx);
                }
                catch (Exception ex) when (Errors.DatabaseFailure.IsUnavailable(ex))
                {
                    ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ServiceRecovery.Session")
                        .LogWarning("Session not re-checked: the database is unavailable ({Reason})", ex.GetBaseException().Message);
                }
            };
            // A real 403 (rendered by the status-code page), not a redirect that hides it.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Secure cookies carry the __Host- prefix: the browser then accepts them only over https, for this host alone
        // (no Domain) and the whole site (Path=/), so a sibling subdomain cannot plant or shadow them.
        string Name(IConfiguration configuration, string name) =>
            Secure(configuration) == CookieSecurePolicy.Always ? "__Host-" + name : name;
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.Cookie.SecurePolicy = Secure(configuration);
                o.Cookie.Name = Name(configuration, "sr.auth");
                o.Cookie.Path = "/";
            });
        services.AddAntiforgery(o => o.Cookie.SameSite = SameSiteMode.Strict);
        services.AddOptions<AntiforgeryOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.Cookie.SecurePolicy = Secure(configuration);
                o.Cookie.Name = Name(configuration, "sr.af");
                o.Cookie.Path = "/";
            });
        services.AddOptions<SessionOptions>().Configure<IConfiguration>((o, configuration) =>
            o.AbsoluteLifetime = TimeSpan.FromHours(configuration.GetValue("Auth:AbsoluteSessionHours", 12.0)));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.All.ToArray()))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.Manager))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Improvement, p => p.RequireRole(Roles.ProcessOwner, Roles.Manager))
            // Anything that does not say otherwise needs a signed-in member of staff.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All.ToArray()).Build());

        services.AddHttpContextAccessor();
        services.AddScoped<UnknownAccounts>();
        services.AddOptions<TwoFactorOptions>().BindConfiguration("Auth");
        services.AddSingleton<TwoFactorRequirement>();
        services.AddScoped<CurrentUser>();
        return services;
    }
}
