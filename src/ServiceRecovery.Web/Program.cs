using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Health;
using ServiceRecovery.Web.Infrastructure.Jobs;
using ServiceRecovery.Web.Infrastructure.Logging;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Infrastructure.Web;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var switches = StartupSwitches.Parse(args);
var builder = WebApplication.CreateBuilder(switches.HostArgs);

builder.AddAppLogging();
builder.Services.AddAppData();
builder.Services.AddAppMediation();
builder.Services.AddAppMessaging();
builder.Services.AddAppJobs(builder.Configuration);
builder.Services.AddAppAuth(builder.Environment);
builder.Services.AddAppWeb(builder.Configuration);
builder.Services.AddAppHealthChecks();

var app = builder.Build();

// No connection string, no start: nothing in the repository holds a database password (./run.sh sets it in
// Development; production sets ConnectionStrings__Default, see README).
if (string.IsNullOrWhiteSpace(app.Configuration.GetConnectionString("Default")))
{
    await Console.Error.WriteLineAsync(
        "ConnectionStrings:Default is not set. Set ConnectionStrings__Default (and ConnectionStrings__Migrations for --migrate) " +
        "in the environment; ./run.sh does it for Development. See README, Configuration.");
    return 2;
}

if (await app.PrepareDatabaseAsync(switches) == StartupOutcome.Exit)
{
    return 0;
}

app.UseAppPipeline();
app.MapAppEndpoints();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
