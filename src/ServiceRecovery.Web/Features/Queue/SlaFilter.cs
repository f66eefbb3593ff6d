namespace ServiceRecovery.Web.Features.Queue;

public enum SlaFilter
{
    Any,
    OnTrack,
    AtRisk,
    Breached,
    Paused,
}
