using MailKit.Security;

namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// Where the outbox sends (section "Smtp"; in production from the environment, e.g. <c>Smtp__Host</c>, <c>Smtp__Password</c>).
/// Development points it at the in-process server (<see cref="DevSmtpServer"/>) on 127.0.0.1:2525.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>TLS: <c>StartTls</c> (port 587), <c>SslOnConnect</c> (465), <c>StartTlsWhenAvailable</c>, <c>Auto</c> or <c>None</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>Empty: no authentication.</summary>
    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string FromAddress { get; set; } = "no-reply@servicerecovery.invalid";

    public string FromName { get; set; } = "ServiceRecovery";

    /// <summary>Per SMTP operation (connect, each command): a server that hangs costs this, not a stuck job.</summary>
    public int TimeoutSeconds { get; set; } = 20;
}
