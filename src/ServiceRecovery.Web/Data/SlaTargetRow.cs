
namespace ServiceRecovery.Web.Data;

/// <summary>SLA targets of one severity, in minutes (Admin → SLA).</summary>
public sealed class SlaTargetRow
{
    public Domain.Cases.Severity Severity { get; set; }

    public int FirstResponseMinutes { get; set; }

    public int ResolutionMinutes { get; set; }
}
