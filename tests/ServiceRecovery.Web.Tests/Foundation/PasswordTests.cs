using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>Everyone can change their own password; a password an administrator set must be changed at first sign-in.</summary>
public sealed class PasswordTests(WebFixture fixture) : WebTest(fixture)
{
    private const string FirstPassword = "Reception-2026!";

    private async Task NewUserAsync() => await Fixture.SendAsync(new Features.Admin.Users.Create.Command
    {
        Email = "ravi@demo.test", DisplayName = "Ravi Reception", Password = FirstPassword, Roles = ["Frontline"],
    }, "admin@demo.test");

    private static Dictionary<string, string> Change(string current, string next, string? confirm = null) => new()
    {
        ["Data.Current"] = current,
        ["Data.New"] = next,
        ["Data.Confirm"] = confirm ?? next,
    };

    [Fact]
    public async Task A_password_set_by_an_administrator_must_be_changed_before_anything_else()
    {
        await NewUserAsync();
        using var ravi = await Fixture.SignInAsync("ravi@demo.test", FirstPassword);

        foreach (var url in new[] { "/", "/queue", "/cases/new", "/customers/search?q=Ol" })
        {
            var blocked = await ravi.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
            Assert.Equal("/account/password", blocked.Headers.Location?.ToString());
        }

        var page = await ravi.GetPageAsync("/account/password");
        Assert.NotNull(page.QuerySelector("[data-testid=password-required]"));

        // Wrong current password, the same password again, and two different new ones: each says why, nothing changes.
        var wrong = await TestBrowser.ReadAsync(await ravi.SubmitFormAsync("/account/password", Change("Not-it-2026!!", "Mine-at-last-2026!")));
        Assert.Equal("That is not your current password.", wrong.QuerySelector("#current-error")?.TextContent);
        var same = await TestBrowser.ReadAsync(await ravi.SubmitFormAsync("/account/password", Change(FirstPassword, FirstPassword)));
        Assert.Equal("Choose a password you have not been using.", same.QuerySelector("#new-error")?.TextContent);
        var differ = await TestBrowser.ReadAsync(await ravi.SubmitFormAsync("/account/password", Change(FirstPassword, "Mine-at-last-2026!", "Mine-at-last-2027!")));
        Assert.Equal("The two new passwords are not the same.", differ.QuerySelector("#confirm-error")?.TextContent);
        Assert.Equal("", (differ.QuerySelector("#Data_New") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value); // never shown back

        var changed = await ravi.SubmitFormAsync("/account/password", Change(FirstPassword, "Mine-at-last-2026!"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ravi.GetAsync("/queue")).StatusCode); // this session goes on, now free
        Assert.False(await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "ravi@demo.test").Select(u => u.MustChangePassword).SingleAsync()));
        Assert.Equal("user.password_changed", await Fixture.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == "ravi@demo.test").OrderByDescending(a => a.At).Select(a => a.Action).FirstAsync()));
        using var again = Fixture.CreateBrowser();
        Assert.Equal(Login.WrongCredentials, (await TestBrowser.ReadAsync(await again.SignInAsync("ravi@demo.test", FirstPassword))).QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("ravi@demo.test", "Mine-at-last-2026!")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_password_signs_out_the_persons_other_sessions()
    {
        using var phone = await Fixture.SignInAsync("supervisor@demo.test");
        using var desk = await Fixture.SignInAsync("supervisor@demo.test");

        var changed = await desk.SubmitFormAsync("/account/password", Change(DemoData.Password, "Supervisor-new-2026!"));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/approvals")).StatusCode);
        var other = await phone.GetAsync("/approvals");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.Contains("/account/login", other.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_identitys_reasons()
    {
        using var fran = await Fixture.SignInAsync("frontline@demo.test");

        var page = await TestBrowser.ReadAsync(await fran.SubmitFormAsync("/account/password", Change(DemoData.Password, "alllowercase12")));

        Assert.StartsWith("Passwords must have at least one", page.QuerySelector("#new-error")?.TextContent, StringComparison.Ordinal);
        using var again = Fixture.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await again.SignInAsync("frontline@demo.test", DemoData.Password)).StatusCode); // unchanged
    }
}
