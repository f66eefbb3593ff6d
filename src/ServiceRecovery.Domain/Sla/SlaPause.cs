namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// A time the SLA clock stood still because the case was waiting for the customer. <see cref="End"/> is null while
/// still waiting (the pause is open); it is set when the customer answers.
/// </summary>
public sealed record SlaPause
{
    public SlaPause(DateTimeOffset start, DateTimeOffset? end = null)
    {
        if (end < start)
        {
            throw new ArgumentException($"A pause cannot end ({end:O}) before it starts ({start:O}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    /// <summary>When the customer answered; null while the case is still waiting.</summary>
    public DateTimeOffset? End { get; }

    public bool IsOpen => End is null;

    public void Deconstruct(out DateTimeOffset start, out DateTimeOffset? end)
    {
        start = Start;
        end = End;
    }
}
