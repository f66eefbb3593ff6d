using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;

namespace ServiceRecovery.Web.Features.Admin.Users;

/// <summary>Field rules shared by the create and edit forms, and the audit helper they both use.</summary>
internal static class UserRules
{
    public const decimal MaxAtonementLimit = 1_000_000m;

    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter the person's name as colleagues know them.")
            .MaximumLength(100).WithMessage("Keep the name to 100 characters or fewer.");

    public static IRuleBuilderOptions<T, List<string>> ValidRoles<T>(this IRuleBuilder<T, List<string>> rule) =>
        rule.NotEmpty().WithMessage("Choose at least one role.")
            .Must(roles => roles.All(r => Roles.All.Contains(r))).WithMessage("Choose roles from the list.");

    public static IRuleBuilderOptions<T, decimal?> ValidAtonementLimit<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.InclusiveBetween(0m, MaxAtonementLimit).WithMessage($"The limit must be between 0 and {MaxAtonementLimit:N0}.")
            .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value).WithMessage("Use at most two decimals.");

    public static string Describe(decimal? limit, string currency) =>
        limit is null ? "role default" : $"{limit.Value:N2} {currency}";

    public static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new Infrastructure.Errors.ConcurrencyConflictException();
        }

        throw new ValidationException(result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(
            e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
            : e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : field,
            e.Code is "DuplicateEmail" or "DuplicateUserName" ? "A user with this email already exists." : e.Description)));
    }

    /// <summary>Audit action of a change that gives approving or administering power (Domain.Staff.AccountRules.Elevation).</summary>
    public const string ElevatedAction = "user.elevated";

    /// <summary>
    /// One account change at a time, for the rest of the command's transaction: the "last active administrator" rule
    /// counts the others, and two administrators taking the role from each other at the same moment must not both
    /// see the other one still there.
    /// </summary>
    public static async Task LockAccountsAsync(AppDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The accounts lock needs the command's transaction (the unit of work).");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AccountsLockKey})", ct);
    }

    /// <summary>Enabled accounts with the Admin role, other than <paramref name="except"/>.</summary>
    public static Task<int> OtherActiveAdministratorsAsync(AppDbContext db, Guid except, CancellationToken ct)
    {
        var admin = Roles.Seed.Single(r => r.Name == Roles.Admin).Id;
        return db.Users.CountAsync(u => u.Id != except && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == admin), ct);
    }

    public static StaffRole ToStaffRoles(IEnumerable<string> roles) => roles.Aggregate(StaffRole.None, (all, role) => all | role switch
    {
        Roles.Frontline => StaffRole.Frontline,
        Roles.Supervisor => StaffRole.Supervisor,
        Roles.Manager => StaffRole.Manager,
        Roles.Admin => StaffRole.Admin,
        _ => StaffRole.None,
    });

    /// <summary>An arbitrary fixed key for <c>pg_advisory_xact_lock</c>: "accounts".</summary>
    private const long AccountsLockKey = 0x5352_4143_4354; // "SRACCT"
}
