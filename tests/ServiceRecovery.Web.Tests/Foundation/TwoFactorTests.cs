using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// Two-step sign-in with an authenticator app: required for Supervisor, Manager and Admin (here turned on, as in
/// production), enrolled with a code computed from the key the page shows, then asked for at every sign-in.
/// </summary>
public sealed class TwoFactorTests(WebFixture fixture) : WebTest(fixture)
{
    private AppFactory Required() => new(Fixture.Database.AppConnectionString, new Dictionary<string, string?>
    {
        ["Auth:RequireTwoFactorForRoles"] = "Supervisor,Manager,Admin",
    });

    /// <summary>"Set up two-step sign-in" (makes the secret key), then the page with the key and the QR code.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> BeginAsync(TestBrowser browser)
    {
        var page = await browser.GetPageAsync("/account/two-factor");
        if (page.QuerySelector("form[action*='handler=Begin']") is null)
        {
            return page; // already begun: the key is on the page
        }

        var begin = await browser.SubmitFormAsync(page, new Dictionary<string, string>(), "form[action*='handler=Begin']", "/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, begin.StatusCode);
        return await browser.GetPageAsync("/account/two-factor");
    }

    private static async Task<string> EnrolAsync(TestBrowser browser)
    {
        var page = await BeginAsync(browser);
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        var enabled = await browser.SubmitFormAsync(page, new Dictionary<string, string> { ["Data.Code"] = Totp.Code(key) }, "form[action*='handler=Enable']", "/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var done = await TestBrowser.ReadAsync(enabled);
        Assert.Equal(10, done.QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        return key;
    }

    [Fact]
    public async Task An_approver_sets_up_two_step_sign_in_before_anything_else_and_then_needs_a_code_to_sign_in()
    {
        await using var factory = Required();
        using var sam = new TestBrowser(factory.CreateBrowserClient());
        Assert.Equal(HttpStatusCode.Redirect, (await sam.SignInAsync("supervisor@demo.test", DemoData.Password)).StatusCode);

        var blocked = await sam.GetAsync("/approvals");
        Assert.Equal("/account/two-factor", blocked.Headers.Location?.ToString());
        Assert.NotNull((await sam.GetPageAsync("/account/two-factor")).QuerySelector("[data-testid=two-factor-required]"));
        var setup = await BeginAsync(sam);
        var qr = await sam.GetAsync("/account/two-factor?handler=Qr");
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", qr.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        // A wrong first code turns nothing on.
        var wrong = await sam.SubmitFormAsync(setup, new Dictionary<string, string> { ["Data.Code"] = "000000" }, "form[action*='handler=Enable']", "/account/two-factor");
        Assert.StartsWith("That code is not right", (await TestBrowser.ReadAsync(wrong)).QuerySelector("#code-error")?.TextContent, StringComparison.Ordinal);
        Assert.False(await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "supervisor@demo.test").Select(u => u.TwoFactorEnabled).SingleAsync()));

        var key = await EnrolAsync(sam);
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/approvals")).StatusCode); // this session goes on
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync("/account/two-factor?handler=Qr")).StatusCode); // the secret is not shown again

        // Next sign-in: the password leads to the code step; a wrong code is refused, the app's code signs in.
        using var next = new TestBrowser(factory.CreateBrowserClient());
        var first = await next.SignInAsync("supervisor@demo.test", DemoData.Password);
        Assert.StartsWith("/account/login-2fa", first.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await next.GetAsync("/approvals")).StatusCode); // not signed in yet
        var bad = await next.SubmitFormAsync("/account/login-2fa", new Dictionary<string, string> { ["Code"] = "123456" });
        Assert.Equal(LoginTwoFactor.WrongCode, (await TestBrowser.ReadAsync(bad)).QuerySelector("#code-error")?.TextContent);
        var good = await next.SubmitFormAsync("/account/login-2fa", new Dictionary<string, string> { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/approvals")).StatusCode);
        Assert.Contains(await Fixture.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == "supervisor@demo.test").Select(a => a.Action).ToListAsync()), a => a == "user.two_factor_enabled");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_wrong_codes_count_towards_the_lockout()
    {
        await using var factory = Required();
        using var maya = new TestBrowser(factory.CreateBrowserClient());
        await maya.SignInAsync("manager@demo.test", DemoData.Password);
        var page = await BeginAsync(maya);
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        var codes = (await TestBrowser.ReadAsync(await maya.SubmitFormAsync(page, new Dictionary<string, string> { ["Data.Code"] = Totp.Code(key) }, "form[action*='handler=Enable']", "/account/two-factor")))
            .QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent).ToList();

        async Task<HttpResponseMessage> CodeStepAsync(string code, bool recovery)
        {
            using var browser = new TestBrowser(factory.CreateBrowserClient());
            await browser.SignInAsync("manager@demo.test", DemoData.Password);
            var fields = new Dictionary<string, string> { ["Code"] = code };
            if (recovery)
            {
                fields["UseRecoveryCode"] = "true";
            }

            return await browser.SubmitFormAsync("/account/login-2fa", fields);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await CodeStepAsync(codes[0], recovery: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CodeStepAsync(codes[0], recovery: true)).StatusCode); // used up
        Assert.Equal(9, await Fixture.QueryAsync(async db => (await db.UserTokens.Where(t => t.Name == "RecoveryCodes").Select(t => t.Value!).SingleAsync()).Split(';').Length));

        // Five wrong authenticator codes lock the account, password step included. (A wrong recovery code is not counted,
        // as in Identity: the codes are random enough; the rate limit per address still applies.)
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(LoginTwoFactor.WrongCode, (await TestBrowser.ReadAsync(await CodeStepAsync("111111", recovery: false))).QuerySelector("#code-error")?.TextContent);
        }

        var fifth = await TestBrowser.ReadAsync(await CodeStepAsync("111111", recovery: false));
        Assert.Equal(Login.LockedOut, fifth.QuerySelector("#code-error")?.TextContent);
        using var later = new TestBrowser(factory.CreateBrowserClient());
        var refused = await TestBrowser.ReadAsync(await later.SignInAsync("manager@demo.test", DemoData.Password));
        Assert.Equal(Login.LockedOut, refused.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Only_someone_whose_role_does_not_require_it_may_turn_it_off()
    {
        await using var factory = Required();
        using var fran = new TestBrowser(factory.CreateBrowserClient());
        await fran.SignInAsync("frontline@demo.test", DemoData.Password);
        var q = await fran.GetAsync("/queue");
        Assert.True(HttpStatusCode.OK == q.StatusCode, $"{q.StatusCode} {q.Headers.Location}"); // not required for frontline
        await EnrolAsync(fran);
        var on = await fran.GetPageAsync("/account/two-factor");
        var off = await fran.SubmitFormAsync(on, new Dictionary<string, string>(), "form[action*='handler=Disable']", "/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "frontline@demo.test").Select(u => u.TwoFactorEnabled).SingleAsync()));

        using var ada = new TestBrowser(factory.CreateBrowserClient());
        await ada.SignInAsync("admin@demo.test", DemoData.Password);
        await EnrolAsync(ada);
        var adaPage = await ada.GetPageAsync("/account/two-factor");
        Assert.Null(adaPage.QuerySelector("form[action*='handler=Disable']"));
        var token = adaPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forced = await ada.PostAsync("/account/two-factor?handler=Disable", [new("__RequestVerificationToken", token)]);
        Assert.Contains("two-step sign-in stays on", (await TestBrowser.ReadAsync(forced)).QuerySelector("[data-testid=form-errors]")?.TextContent, StringComparison.Ordinal);
        Assert.True(await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "admin@demo.test").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }
}
