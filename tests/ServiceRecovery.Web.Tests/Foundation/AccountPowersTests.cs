using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Features.Admin.Users;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// Nobody gives themselves power, every grant of power is on the record, and there is always an administrator —
/// tried from the page, with a tampered form, and as a race between two administrators.
/// </summary>
public sealed class AccountPowersTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Admin = "admin@demo.test";

    private Task<Guid> IdOfAsync(string email) => Fixture.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<List<string>> RolesOfAsync(Guid id) => Fixture.QueryAsync(db =>
        db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToListAsync());

    /// <summary>A second administrator, made through the Add user command.</summary>
    private async Task<Guid> SecondAdminAsync(string email = "ann.admin@demo.test") =>
        await Fixture.SendAsync(new Create.Command
        {
            Email = email, DisplayName = "Ann Admin", Password = "Second-admin-2026!", Roles = ["Admin"],
        }, Admin);

    private async Task<Edit.Command> EditOfAsync(Guid id, List<string> roles, decimal? limit = null)
    {
        var stamp = await Fixture.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp!).SingleAsync());
        var name = await Fixture.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync());
        return new Edit.Command { Id = id, DisplayName = name, Roles = roles, AtonementLimit = limit, ConcurrencyStamp = stamp };
    }

    [Fact]
    public async Task An_admin_cannot_give_themselves_a_role_or_a_limit_even_with_a_tampered_form()
    {
        var me = await IdOfAsync(Admin);
        using var admin = await Fixture.SignInAsync(Admin);
        var page = await admin.GetPageAsync($"/admin/users/{me}");
        Assert.NotNull(page.QuerySelector("[data-testid=own-account]"));
        Assert.Null(page.QuerySelector("input[type=checkbox][name='Data.Roles']"));

        var response = await admin.SubmitFormAsync(page, new Dictionary<string, string>
        {
            ["Data.Roles[]"] = "Admin,Supervisor,Manager",
            ["Data.AtonementLimit"] = "100000",
        }, "main form:not([action])", $"/admin/users/{me}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = (await TestBrowser.ReadAsync(response)).QuerySelector("[data-testid=form-errors]")?.TextContent;
        Assert.Contains("You cannot change your own roles, atonement limit or account status", errors, StringComparison.Ordinal);
        Assert.Equal(["Admin"], await RolesOfAsync(me));
        Assert.Null(await Fixture.QueryAsync(db => db.Users.Where(u => u.Id == me).Select(u => u.AtonementLimit).SingleAsync()));
        Assert.False(await Fixture.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == UserRules.ElevatedAction)));

        // A name change of one's own is fine (the page sends the roles and limit back unchanged).
        var renamed = await admin.SubmitFormAsync($"/admin/users/{me}", new Dictionary<string, string> { ["Data.DisplayName"] = "Ada A." }, "main form:not([action])");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_disable_or_enable_their_own_account()
    {
        var me = await IdOfAsync(Admin);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new Edit.SetStatus(me, Disable: true), Admin));
        Assert.Equal("account.own_powers", refusal.Code);
        Assert.Equal("account.own_powers", (await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new Edit.SetStatus(me, Disable: false), Admin))).Code);
        using var admin = await Fixture.SignInAsync(Admin);
        Assert.Contains("You cannot disable your own account.", (await admin.GetPageAsync($"/admin/users/{me}")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Giving_power_is_recorded_with_who_did_it_and_shown_on_the_users_history()
    {
        var fran = await IdOfAsync("frontline@demo.test");
        using var admin = await Fixture.SignInAsync(Admin);

        var response = await admin.SubmitFormAsync($"/admin/users/{fran}", new Dictionary<string, string>
        {
            ["Data.Roles[]"] = "Frontline,Manager",
            ["Data.AtonementLimit"] = "750",
        }, "main form:not([action])");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = await Fixture.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.Action == UserRules.ElevatedAction));
        Assert.Equal("frontline@demo.test", entry.Subject);
        Assert.Equal("Ada Admin", entry.ActorName);
        Assert.Equal(await IdOfAsync(Admin), entry.ActorId);
        Assert.Equal("Elevated by Ada Admin: gave the role(s) Manager; set an atonement limit of 750.00 EUR, above the Supervisor default of 500.00 EUR.", entry.Details);
        var history = (await admin.GetPageAsync($"/admin/users/{fran}")).QuerySelector("[data-testid=history]");
        Assert.NotNull(history?.QuerySelector("[data-testid=elevated]"));
        Assert.Contains("gave the role(s) Manager", history!.TextContent, StringComparison.Ordinal);

        // Adding a user with power is on the record too; a frontline user within the default is not.
        await Fixture.SendAsync(new Create.Command { Email = "sue@demo.test", DisplayName = "Sue S", Password = "Supervisor-2026!", Roles = ["Supervisor"] }, Admin);
        await Fixture.SendAsync(new Create.Command { Email = "fred@demo.test", DisplayName = "Fred F", Password = "Frontline-2026!", Roles = ["Frontline"], AtonementLimit = 60m }, Admin);
        var elevated = await Fixture.QueryAsync(db => db.AuditEntries.Where(a => a.Action == UserRules.ElevatedAction).Select(a => a.Subject).OrderBy(s => s).ToListAsync());
        Assert.Equal(["frontline@demo.test", "sue@demo.test"], elevated);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_removed_or_disabled()
    {
        var ada = await IdOfAsync(Admin);
        var ann = await SecondAdminAsync();
        // Ada takes Ann's Admin role away. Ann's open session still carries the role for a few seconds: she tries
        // to take Ada's (the last active administrator's) away in return, then to disable her.
        await Fixture.SendAsync(await EditOfAsync(ann, ["Frontline"]), Admin);

        var removal = await Assert.ThrowsAsync<DomainException>(async () => await Fixture.SendAsync(await EditOfAsync(ada, ["Frontline"]), "ann.admin@demo.test"));
        var disabling = await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new Edit.SetStatus(ada, Disable: true), "ann.admin@demo.test"));

        Assert.Equal("account.last_admin", removal.Code);
        Assert.Equal("Ada Admin is the last active administrator. Give another person the Admin role first.", removal.Message);
        Assert.Equal("account.last_admin", disabling.Code);
        Assert.Equal(["Admin"], await RolesOfAsync(ada));
        Assert.False(await Fixture.QueryAsync(db => db.Users.Where(u => u.Id == ada).Select(u => u.IsDisabled).SingleAsync()));

        // A disabled administrator does not count as one.
        await Fixture.SendAsync(await EditOfAsync(ann, ["Admin"]), Admin);
        await Fixture.SendAsync(new Edit.SetStatus(ann, Disable: true), Admin);
        Assert.Equal("account.last_admin",
            (await Assert.ThrowsAsync<DomainException>(async () => await Fixture.SendAsync(await EditOfAsync(ada, ["Manager"]), "ann.admin@demo.test"))).Code);
    }

    [Fact]
    public async Task Two_administrators_removing_each_other_at_once_leave_one_administrator()
    {
        var ada = await IdOfAsync(Admin);
        for (var round = 0; round < 5; round++)
        {
            var ann = await SecondAdminAsync($"ann{round}@demo.test");
            var adaDemotes = await EditOfAsync(ann, ["Frontline"]);
            var annDemotes = await EditOfAsync(ada, ["Frontline"]);

            var results = await Task.WhenAll(
                Attempt(() => Fixture.SendAsync(adaDemotes, Admin)),
                Attempt(() => Fixture.SendAsync(annDemotes, $"ann{round}@demo.test")));

            Assert.Single(results, r => r is null);
            Assert.Single(results, r => r == "account.last_admin");
            var admins = await Fixture.QueryAsync(db => db.Users.CountAsync(u => !u.IsDisabled
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == "Admin"))));
            Assert.Equal(1, admins);
            if (await RolesOfAsync(ada) is not ["Admin"])
            {
                return; // Ann won this round and is now the only administrator: the race has been shown both ways.
            }
        }
    }

    private static async Task<string?> Attempt(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Code;
        }
    }
}
