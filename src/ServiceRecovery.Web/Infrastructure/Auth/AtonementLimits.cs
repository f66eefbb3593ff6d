namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Default atonement (compensation) limits per role, from configuration ("Atonement:DefaultLimits"), in the
/// organisation's currency. A user's own limit (set in Admin → Users) overrides them.
/// </summary>
public sealed class AtonementLimitOptions
{
    public const string Section = "Atonement";

    public Dictionary<string, decimal> DefaultLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The user's own limit if set, else the highest default among their roles, else zero.</summary>
    public decimal EffectiveLimit(decimal? userLimit, IEnumerable<string> roles) =>
        userLimit ?? roles.Select(r => DefaultLimits.TryGetValue(r, out var l) ? l : 0m).DefaultIfEmpty(0m).Max();
}
