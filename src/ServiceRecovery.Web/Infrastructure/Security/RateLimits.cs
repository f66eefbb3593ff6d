using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace ServiceRecovery.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's rate limiter, in one place: sign-in per IP and per account, the customer search and the CSV
/// exports per person, the public complaint form per IP (fixed one-minute windows, per instance). Over a limit the answer is 429 with
/// <c>Retry-After</c>, and the error page says how long to wait.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddAppRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        // Read per request (the partitions below), not now: hosts and tests add configuration after registration.
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        static RateLimitOptions Limits(HttpContext context) =>
            context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Items[Web.HostileInputFilter.ErrorDetailKey] =
                    $"Too many requests in a short time. Please wait {seconds} seconds, then try again.";
                return ValueTask.CompletedTask;
            };
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignIn(context)
                    ? Window("sign-in ip:" + context.Connection.RemoteIpAddress, Limits(context).SignInPerIpPerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsPasswordSignIn(context)
                    ? Window("sign-in account:" + AccountOf(context), Limits(context).SignInPerAccountPerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    IsSearch(context) ? Window("search user:" + UserOf(context), Limits(context).SearchPerUserPerMinute)
                    : IsExport(context) ? Window("export user:" + UserOf(context), Limits(context).ExportsPerUserPerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsPublicComplaint(context)
                    ? Window("complaint ip:" + context.Connection.RemoteIpAddress, Limits(context).ComplaintsPerIpPerMinute)
                    : RateLimitPartition.GetNoLimiter(string.Empty)));
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int permitsPerMinute) =>
        permitsPerMinute <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    /// <summary>The password step (the code step is limited per address, and by the account's lockout).</summary>
    private static bool IsPasswordSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase);

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.Equals("/account/login-2fa", StringComparison.OrdinalIgnoreCase));

    /// <summary>The public complaint form being sent (the page itself may be opened freely).</summary>
    private static bool IsPublicComplaint(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/complain", StringComparison.OrdinalIgnoreCase);

    private static bool IsSearch(HttpContext context) =>
        context.Request.Path.Equals("/customers/search", StringComparison.OrdinalIgnoreCase);

    private static bool IsExport(HttpContext context) =>
        string.Equals(context.Request.Query["handler"], "Export", StringComparison.OrdinalIgnoreCase);

    /// <summary>The email being signed in to (the form was already read by <see cref="Web.UnreadableFormMiddleware"/>).</summary>
    private static string AccountOf(HttpContext context) =>
        context.Request.HasFormContentType ? context.Request.Form["Input.Email"].ToString().Trim().ToUpperInvariant() : string.Empty;

    private static string UserOf(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous:" + context.Connection.RemoteIpAddress;
}
