using System.Net;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

public sealed class DisablingUsersTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_disabled_user_is_refused_at_sign_in_and_their_open_session_ends()
    {
        using var frontline = await Fixture.SignInAsync("frontline@demo.test");
        Assert.Equal(HttpStatusCode.OK, (await frontline.GetAsync("/")).StatusCode);
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var id = await Fixture.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "frontline@demo.test").Id));

        var disable = await admin.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string>(), "form[action*='handler=Status']");

        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        var page = await admin.GetPageAsync($"/admin/users/{id}");
        Assert.Equal("Disabled", page.QuerySelector("[data-testid=status]")?.TextContent);
        Assert.Contains("Account disabled", page.QuerySelector("[data-testid=history]")?.TextContent);

        // The running session is over...
        var after = await frontline.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location?.ToString(), StringComparison.Ordinal);

        // ...and signing in again is refused, with the right password too, exactly like a wrong password: the
        // answer does not tell whether the email is a (disabled) account.
        using var again = Fixture.CreateBrowser();
        var refused = await TestBrowser.ReadAsync(await again.SignInAsync("frontline@demo.test", DemoData.Password));
        Assert.Equal(Login.WrongCredentials, refused.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var id = await Fixture.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "admin@demo.test").Id));

        // The page offers no button for it; a hand-made post (with a valid token) is refused all the same.
        var own = await admin.GetPageAsync($"/admin/users/{id}");
        Assert.Null(own.QuerySelector("form[action*='handler=Status']"));
        var token = own.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var response = await admin.PostAsync($"/admin/users/{id}?handler=Status", [new("disable", "true"), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("You cannot change your own roles, atonement limit or account status. Ask another administrator.", page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.False(await Fixture.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Id == id).IsDisabled)));
    }

    [Fact]
    public async Task A_re_enabled_user_can_sign_in_again()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var id = await Fixture.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Email == "manager@demo.test").Id));
        await admin.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string>(), "form[action*='handler=Status']");

        var enable = await admin.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string>(), "form[action*='handler=Status']");

        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        using var manager = Fixture.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SignInAsync("manager@demo.test", DemoData.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/")).StatusCode);
    }
}
