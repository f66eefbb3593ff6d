namespace ServiceRecovery.Web.Features.Queue;

public enum QueueSort
{
    Sla,
    Age,
    Severity,
}
