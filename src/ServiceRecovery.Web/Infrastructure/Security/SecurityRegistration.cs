using Microsoft.AspNetCore.DataProtection;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Security;

public static class SecurityRegistration
{
    /// <summary>
    /// The data-protection key ring lives in PostgreSQL: sign-ins and antiforgery tokens survive restarts
    /// and are shared by every instance of the app.
    /// </summary>
    public static IServiceCollection AddAppSecurity(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("ServiceRecovery")
            .PersistKeysToDbContext<AppDbContext>();
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }
}
