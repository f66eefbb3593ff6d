namespace ServiceRecovery.Domain.Compensation;

/// <summary>
/// What a customer has been granted lately over all their cases (approved gestures of value), as read from the
/// ledger while the customer is locked, so that two gestures for one customer are never measured against the
/// same figures.
/// </summary>
/// <param name="GrantedInWindow">Granted in the abuse window (a cleared flag does not reset it): the running total that limits measure.</param>
/// <param name="FlagGestures">Gestures granted since the flag's window started (restarted when a supervisor cleared the flag).</param>
/// <param name="FlagAmount">Their total.</param>
public sealed record CustomerCompensation(decimal GrantedInWindow, int FlagGestures, decimal FlagAmount)
{
    /// <summary>A customer never compensated.</summary>
    public static CustomerCompensation None { get; } = new(0m, 0, 0m);
}
