using Microsoft.Extensions.Configuration;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Seeder;

/// <summary>
/// The app's settings that decide what a gesture needs and what it costs, read as the app reads them: its
/// appsettings.json (copied beside the seeder with the app's build) and environment variables (Atonement__..., Organisation__...).
/// </summary>
internal sealed record AppSettings(AtonementLimitOptions Limits, AbuseOptions Abuse, OrganisationOptions Organisation)
{
    public static AppSettings Load()
    {
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .AddEnvironmentVariables()
            .Build();
        T Section<T>(string name)
            where T : new()
        {
            var options = new T();
            config.GetSection(name).Bind(options);
            return options;
        }

        return new AppSettings(
            Section<AtonementLimitOptions>(AtonementLimitOptions.Section),
            Section<AbuseOptions>(AtonementLimitOptions.Section),
            Section<OrganisationOptions>(OrganisationOptions.Section));
    }
}
