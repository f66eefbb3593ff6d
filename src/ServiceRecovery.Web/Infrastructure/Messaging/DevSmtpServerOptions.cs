namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// The in-process SMTP server of Development (section "Smtp:DevServer"; appsettings.Development.json turns it on and
/// points "Smtp" at it). It accepts every message and keeps the last <see cref="Capacity"/> in memory; nothing leaves
/// the machine. Never on in production.
/// </summary>
public sealed class DevSmtpServerOptions
{
    public const string Section = "Smtp:DevServer";

    public bool Enabled { get; set; }

    /// <summary>Listens on 127.0.0.1 only.</summary>
    public int Port { get; set; } = 2525;

    public int Capacity { get; set; } = 200;
}
