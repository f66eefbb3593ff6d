using Microsoft.AspNetCore.DataProtection;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Security;

public static class SecurityRegistration
{
    /// <summary>
    /// The data-protection key ring lives in PostgreSQL: sign-ins and antiforgery tokens survive restarts
    /// and are shared by every instance of the app. Its keys are encrypted with a certificate from configuration
    /// (<see cref="KeyRingCertificate"/>; read here, from the environment and the settings files), so reading the
    /// table is not enough to forge a cookie. Without one the keys are stored as they are, and the app says so at start.
    /// </summary>
    public static IServiceCollection AddAppSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("ServiceRecovery")
            .PersistKeysToDbContext<AppDbContext>();
        var settings = configuration.GetSection(KeyRingCertificate.Section).Get<KeyRingCertificate>() ?? new KeyRingCertificate();
        if (settings.Load() is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }
}
