namespace ServiceRecovery.Web.Infrastructure.Compensation;

/// <summary>What was granted on a case and to its customer, and how much more fits the person's limit.</summary>
public sealed record RunningTotals(decimal OnCase, decimal ToCustomer, int WindowDays, decimal Headroom);
