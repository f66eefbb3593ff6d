using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// Schema and seed data at start-up:
/// <list type="bullet">
/// <item>Development (and <c>./run.sh</c>): migrations applied and demo users seeded automatically.</item>
/// <item>Elsewhere only when asked: <c>--migrate</c> applies migrations then serves; <c>--migrate-only</c> applies them and exits.
/// Migrations run with <c>ConnectionStrings:Migrations</c> (the owner), the app with <c>ConnectionStrings:Default</c>.</item>
/// <item><c>Bootstrap:AdminEmail</c>/<c>Bootstrap:AdminPassword</c> create the first administrator when there is none.</item>
/// </list>
/// </summary>
public static class DatabaseStartup
{
    public static async Task<StartupOutcome> PrepareDatabaseAsync(this WebApplication app, StartupSwitches switches)
    {
        var migrateOnly = switches.MigrateOnly;
        var migrate = migrateOnly || switches.Migrate || app.Configuration.GetValue("Database:MigrateOnStartup", false);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Startup");

        await using var scope = app.Services.CreateAsyncScope();
        if (migrate)
        {
            // As the owner (ConnectionStrings:Migrations), then the runtime role's grants (ADR 0010).
            await DatabaseMigrator.MigrateAsync(app.Configuration, logger);
        }

        if (migrateOnly)
        {
            // The KPI roll-up's initial build (all days on the first run; afterwards only the days of changed cases).
            await scope.ServiceProvider.GetRequiredService<Features.Insights.KpiRollup>().RefreshChangedAsync();
            logger.LogInformation("Migrations applied; exiting (--migrate-only).");
            return StartupOutcome.Exit;
        }

        bool schemaReady;
        try
        {
            schemaReady = !(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetPendingMigrationsAsync()).Any();
        }
        catch (Exception ex) when (Errors.DatabaseFailure.IsUnavailable(ex))
        {
            // Serve anyway: pages answer 503 until the database is back, and the app recovers by itself.
            logger.LogWarning("The database is unreachable at start-up ({Reason}); serving, pages answer 503 until it is back.", ex.GetBaseException().Message);
            return StartupOutcome.Continue;
        }

        if (!schemaReady)
        {
            logger.LogWarning("The database schema is not up to date: start with --migrate (or apply the EF bundle) before serving.");
            return StartupOutcome.Continue;
        }

        await ReferenceDataSeeder.EnsureAsync(scope.ServiceProvider);
        await AdminBootstrap.EnsureAdminAsync(scope.ServiceProvider, app.Configuration, logger);
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Database:SeedDemoData", false))
        {
            await DemoData.SeedAsync(scope.ServiceProvider);
            await DemoCases.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            await DemoHistory.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            DemoData.PrintLogins(app.Configuration);
        }

        if (migrate || app.Configuration.GetValue("Database:SeedDemoData", false))
        {
            // The KPI roll-up (Features/Insights/KpiRollup): the days touched by cases changed since its last run. A
            // scheduled job keeps it current while the app runs; the dashboard adds today live.
            await scope.ServiceProvider.GetRequiredService<Features.Insights.KpiRollup>().RefreshChangedAsync();
        }

        return StartupOutcome.Continue;
    }
}
