namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>How the outbox sender works through its rows (section "Outbox").</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>At most this many messages per run (each in its own short transaction).</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>After this many failed attempts a message is Failed (Admin › Messages can retry it).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles after each further one (1, 2, 4, 8 … minutes).</summary>
    public int FirstRetryDelaySeconds { get; set; } = 60;

    /// <summary>The doubling stops here.</summary>
    public int MaxRetryDelayMinutes { get; set; } = 60;

    /// <summary>When a message that failed for the <paramref name="attempts"/>th time is tried next; null when it has failed for good.</summary>
    public DateTimeOffset? NextAttempt(int attempts, DateTimeOffset now)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var seconds = FirstRetryDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return now.AddSeconds(Math.Min(seconds, MaxRetryDelayMinutes * 60.0));
    }
}
