using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Health;
using ServiceRecovery.Web.Infrastructure.Logging;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Infrastructure.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddAppLogging();
builder.Services.AddAppData();
builder.Services.AddAppMediation();
builder.Services.AddAppAuth(builder.Environment);
builder.Services.AddAppWeb(builder.Configuration);
builder.Services.AddAppHealthChecks();

var app = builder.Build();

if (await app.PrepareDatabaseAsync(args) == StartupOutcome.Exit)
{
    return;
}

app.UseAppPipeline();
app.MapAppEndpoints();
await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can find it.</summary>
public partial class Program;
