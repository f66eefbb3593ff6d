using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Web.Infrastructure.Compensation;

/// <summary>The guidance panel shown while proposing and while approving.</summary>
public sealed record GuidancePanel(GuidanceSuggestion Suggestion, string Currency, CustomerFlag Flag, CompensationHistory History, decimal? Limit, CustomerTier Tier, RunningTotals Totals);
