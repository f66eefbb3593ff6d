using System.Globalization;
using System.Security.Claims;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ServiceRecovery.Web.Infrastructure.Logging;

/// <summary>
/// Serilog from configuration: levels from the "Serilog" section of appsettings*.json; the console format
/// from "Logging:ConsoleFormat" (Json by default: compact JSON for log shippers; Text in Development).
/// Sinks registered in DI (tests add one) are picked up too.
/// </summary>
public static class LoggingRegistration
{
    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddAppLogging(this WebApplicationBuilder builder)
    {
        // preserveStaticLogger: each host keeps its own logger (several hosts share a test process).
        builder.Services.AddSerilog(preserveStaticLogger: true, configureLogger: (services, logger) =>
        {
            var configuration = builder.Configuration;
            logger
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext();
            var minimum = configuration.GetValue("Logging:ConsoleMinimumLevel", LogEventLevel.Verbose);
            if (string.Equals(configuration["Logging:ConsoleFormat"], "Json", StringComparison.OrdinalIgnoreCase))
            {
                logger.WriteTo.Console(new CompactJsonFormatter(), minimum);
            }
            else
            {
                logger.WriteTo.Console(minimum, TextTemplate, formatProvider: CultureInfo.InvariantCulture);
            }
        });
        return builder;
    }

    /// <summary>One line per request with its id, method, path (never the query or body), status and time.</summary>
    public static IApplicationBuilder UseAppRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetService<Serilog.ILogger>();
            options.MessageTemplate =
                "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (request {RequestId})";
            options.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("RequestId", http.TraceIdentifier);
                if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
                {
                    diagnostics.Set("UserId", userId);
                }
            };
            options.GetLevel = (http, _, ex) =>
                ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
                : LogEventLevel.Information;
        });
}
