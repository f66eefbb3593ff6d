namespace ServiceRecovery.Web.Features.Admin.Users;

/// <summary>Model of the <c>_UserFields</c> partial.</summary>
/// <param name="OwnAccount">The signed-in administrator's own account: roles and limit are shown, not editable.</param>
public sealed record UserFields(string DisplayName, IReadOnlyCollection<string> Roles, decimal? AtonementLimit, string Currency, bool OwnAccount = false);
