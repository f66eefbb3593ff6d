namespace ServiceRecovery.Domain.Sla;

/// <summary>
/// The promise for one severity, in business time of the policy's calendar: first response (the apology) within
/// <see cref="FirstResponse"/>, resolution (the fix) within <see cref="Resolution"/>, both counted from when the
/// case was opened.
/// </summary>
public sealed record SlaTargets
{
    public SlaTargets(TimeSpan firstResponse, TimeSpan resolution)
    {
        if (firstResponse <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"The first-response target must be longer than zero (was {firstResponse}).", nameof(firstResponse));
        }

        if (resolution <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"The resolution target must be longer than zero (was {resolution}).", nameof(resolution));
        }

        if (resolution < firstResponse)
        {
            throw new ArgumentException(
                $"The resolution target ({resolution}) cannot be shorter than the first-response target ({firstResponse}).",
                nameof(resolution));
        }

        FirstResponse = firstResponse;
        Resolution = resolution;
    }

    public TimeSpan FirstResponse { get; }

    public TimeSpan Resolution { get; }

    public void Deconstruct(out TimeSpan firstResponse, out TimeSpan resolution)
    {
        firstResponse = FirstResponse;
        resolution = Resolution;
    }
}
