using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Staff;

namespace ServiceRecovery.Domain.Tests;

public class AccountRulesTests
{
    private static readonly Guid Ada = Guid.NewGuid();
    private static readonly Guid Ben = Guid.NewGuid();

    [Fact]
    public void Nobody_changes_their_own_powers_but_may_change_their_name()
    {
        Assert.Equal("account.own_powers", Assert.Throws<DomainException>(() => AccountRules.EnsureNotOwnPowers(Ada, Ada, changesPowers: true)).Code);
        AccountRules.EnsureNotOwnPowers(Ada, Ada, changesPowers: false);
        AccountRules.EnsureNotOwnPowers(Ada, Ben, changesPowers: true);
    }

    [Fact]
    public void The_last_active_administrator_cannot_be_taken_away()
    {
        var refusal = Assert.Throws<DomainException>(() => AccountRules.EnsureAnAdministratorRemains(true, 0, "Ada Admin"));
        Assert.Equal("account.last_admin", refusal.Code);
        Assert.StartsWith("Ada Admin is the last active administrator", refusal.Message, StringComparison.Ordinal);
        AccountRules.EnsureAnAdministratorRemains(true, 1, "Ada Admin");
        AccountRules.EnsureAnAdministratorRemains(false, 0, "Ada Admin");
    }

    [Theory]
    [InlineData(StaffRole.Frontline, StaffRole.Frontline | StaffRole.Supervisor, null, null, "gave the role(s) Supervisor.")]
    [InlineData(StaffRole.Frontline, StaffRole.Manager | StaffRole.Admin, null, null, "gave the role(s) Manager, Admin.")]
    [InlineData(StaffRole.Frontline, StaffRole.Frontline, null, 500.01, "set an atonement limit of 500.01 EUR, above the Supervisor default of 500.00 EUR.")]
    [InlineData(StaffRole.None, StaffRole.Supervisor, null, 900.0, "gave the role(s) Supervisor; set an atonement limit of 900.00 EUR, above the Supervisor default of 500.00 EUR.")]
    [InlineData(StaffRole.Frontline, StaffRole.Frontline, null, 500.0, null)]
    [InlineData(StaffRole.Supervisor, StaffRole.Frontline | StaffRole.Supervisor, 900.0, 900.0, null)]
    [InlineData(StaffRole.Manager, StaffRole.Frontline, null, null, null)]
    public void A_change_that_gives_approving_or_administering_power_is_called_out(
        StaffRole before, StaffRole after, double? limitBefore, double? limitAfter, string? expected) =>
        Assert.Equal(expected, AccountRules.Elevation(before, after, (decimal?)limitBefore, (decimal?)limitAfter, 500m, "EUR"));
}
