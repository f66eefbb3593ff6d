namespace ServiceRecovery.Web.Data.Configurations;

/// <summary>Names of the queue's computed sort columns (shadow properties).</summary>
public static class QueueColumns
{
    public const string SlaSortAt = "SlaSortAt";
    public const string SeverityOrder = "SeverityOrder";
}
