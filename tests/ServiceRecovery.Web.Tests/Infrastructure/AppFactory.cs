using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ServiceRecovery.Web.Tests.Infrastructure;

/// <summary>
/// The real app (environment "Testing": friendly error pages, Secure cookies) on a given database.
/// Settings go through ConfigureAppConfiguration so that Serilog reads the final configuration.
/// </summary>
public class AppFactory(string connectionString, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The key ring's certificate for every app of this test process (made by the app itself, on first use).</summary>
    public static readonly string KeyRingCertificatePath = Path.Combine(Path.GetTempPath(), $"sr-test-keys-{Environment.ProcessId}", "dataprotection.pfx");

    static AppFactory()
    {
        // The environment, not ConfigureAppConfiguration: the key ring is set up while the app registers its services,
        // before WebApplicationFactory adds its own configuration (as a real host's environment would be).
        Environment.SetEnvironmentVariable("DataProtection__CertificatePath", KeyRingCertificatePath);
        Environment.SetEnvironmentVariable("DataProtection__CertificatePassword", "test-key-ring");
        Environment.SetEnvironmentVariable("DataProtection__CreateCertificateIfMissing", "true");
    }

    public CapturingSink Logs { get; } = new();

    /// <summary>Extra services for a test (e.g. a command handler that exists only to prove the pipeline).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    public string ConnectionString { get; } = connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the static web assets manifest is not wired by default (stack.md, gotcha 3).
        builder.UseStaticWebAssets();
        builder.ConfigureAppConfiguration((_, config) =>
        {
            var values = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = ConnectionString,
                // Check the session against the database on every request, so that disabling a user shows at once.
                ["Auth:SessionRevalidationSeconds"] = "0",
                ["Serilog:MinimumLevel:Default"] = "Information",
                ["Logging:ConsoleFormat"] = "Text",
                ["Logging:ConsoleMinimumLevel"] = "Warning",
                // Tests sign in and export far more often than a person; RateLimitTests turns the limits on.
                ["RateLimits:SignInPerIpPerMinute"] = "0",
                ["RateLimits:SignInPerAccountPerMinute"] = "0",
                ["RateLimits:SearchPerUserPerMinute"] = "0",
                ["RateLimits:ExportsPerUserPerMinute"] = "0",
                ["RateLimits:ComplaintsPerIpPerMinute"] = "0",
                // Tests fill in the public complaint form at once; PublicFormTests turns the minimum time on.
                ["PublicForm:MinimumSecondsToSubmit"] = "0",
                // The demo users sign in with a password alone, as in Development; TwoFactorTests turns the rule on.
                ["Auth:RequireTwoFactorForRoles"] = "",
                // No scheduler in the hundreds of tests that are not about jobs (Messaging tests turn it on).
                ["Jobs:Enabled"] = "false",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }

            config.AddInMemoryCollection(values);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            ExtraServices?.Invoke(services);
        });
    }

    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        // https so that the Secure auth and antiforgery cookies are sent back, as a browser would.
        BaseAddress = new Uri("https://localhost"),
    });
}
