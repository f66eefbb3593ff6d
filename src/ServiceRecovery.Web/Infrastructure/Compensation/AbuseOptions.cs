using ServiceRecovery.Domain.Compensation;

namespace ServiceRecovery.Web.Infrastructure.Compensation;

/// <summary>Abuse-signal settings ("Atonement:AbuseThreshold", "Atonement:AbuseAmountThreshold", "Atonement:AbuseWindowDays").</summary>
public sealed class AbuseOptions
{
    /// <summary>Granted gestures of value in the window that flag a customer.</summary>
    public int AbuseThreshold { get; set; } = 3;

    /// <summary>Granted amount in the window that flags a customer (organisation currency; 0 turns it off).</summary>
    public decimal AbuseAmountThreshold { get; set; } = 1000m;

    /// <summary>The window of the flag and of the customer's running total, in days.</summary>
    public int AbuseWindowDays { get; set; } = 90;

    public AbusePolicy Policy => new(AbuseThreshold, AbuseWindowDays, AbuseAmountThreshold);
}
