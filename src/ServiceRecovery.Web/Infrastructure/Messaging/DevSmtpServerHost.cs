using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>Starts and stops Development's <see cref="DevSmtpServer"/> with the app (only when Smtp:DevServer:Enabled).</summary>
public sealed partial class DevSmtpServerHost(IServiceProvider services, IOptions<DevSmtpServerOptions> options, IOptions<SmtpOptions> smtp, ILogger<DevSmtpServerHost> logger) : IHostedService
{
    private DevSmtpServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var server = _server = services.GetRequiredService<DevSmtpServer>();
        await server.StartAsync();
        LogListening(server.Port, smtp.Value.Host, smtp.Value.Port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server?.StopAsync() ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Development SMTP server on 127.0.0.1:{Port} keeps what is sent (Admin › Messages); the app sends to {Host}:{SmtpPort}")]
    private partial void LogListening(int port, string host, int smtpPort);
}
