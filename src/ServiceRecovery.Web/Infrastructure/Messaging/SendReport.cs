namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>What one run of the sender did.</summary>
public sealed class SendReport
{
    public int Sent { get; set; }

    public int Retrying { get; set; }

    public int Failed { get; set; }
}
