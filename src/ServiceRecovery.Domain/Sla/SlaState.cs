namespace ServiceRecovery.Domain.Sla;

/// <summary>Where a case stands against an SLA target (or, for a whole case, its worst open target).</summary>
public enum SlaState
{
    /// <summary>Running, less than the at-risk share of the target used.</summary>
    OnTrack,

    /// <summary>Running, at least the at-risk share (default 80 %) used, target not yet reached.</summary>
    AtRisk,

    /// <summary>The target was reached while not achieved; or it was achieved late (kept as history).</summary>
    Breached,

    /// <summary>The clock is stopped: waiting for the customer (never hides a breach).</summary>
    Paused,

    /// <summary>Achieved within the target.</summary>
    Met,
}

/// <summary>Ordering of <see cref="SlaState"/> by urgency, for "worst of" and queue sorting.</summary>
public static class SlaStates
{
    /// <summary>Breached 4 &gt; AtRisk 3 &gt; Paused 2 &gt; OnTrack 1 &gt; Met 0.</summary>
    public static int Urgency(SlaState state) => state switch
    {
        SlaState.Breached => 4,
        SlaState.AtRisk => 3,
        SlaState.Paused => 2,
        SlaState.OnTrack => 1,
        SlaState.Met => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown SLA state."),
    };

    /// <summary>The more urgent of two states.</summary>
    public static SlaState Worst(SlaState a, SlaState b) => Urgency(b) > Urgency(a) ? b : a;

    public static string Label(SlaState state) => state switch
    {
        SlaState.OnTrack => "On track",
        SlaState.AtRisk => "At risk",
        SlaState.Breached => "Breached",
        SlaState.Paused => "Paused (waiting for customer)",
        SlaState.Met => "Met",
        _ => state.ToString(),
    };
}
