
namespace ServiceRecovery.Web.Data;

/// <summary>One editable row of the compensation guidance policy (see <see cref="Domain.Compensation.CompensationGuidance"/>).</summary>
public sealed class GuidanceBandRow
{
    public Domain.Cases.Severity Severity { get; set; }

    public decimal MinPercent { get; set; }

    public decimal MaxPercent { get; set; }

    public decimal FixedMin { get; set; }

    public decimal FixedMax { get; set; }

    public Domain.Compensation.GuidanceBand ToBand() => new(Severity, MinPercent, MaxPercent, FixedMin, FixedMax);
}
