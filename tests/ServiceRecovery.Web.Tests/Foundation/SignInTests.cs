using System.Net;
using AngleSharp.Html.Dom;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

public sealed class SignInTests(WebFixture fixture) : WebTest(fixture)
{
    public static TheoryData<string, string, string> DemoUsers() => new()
    {
        { "frontline@demo.test", "Fran Frontline", "home-frontline" },
        { "supervisor@demo.test", "Sam Supervisor", "home-supervisor" },
        { "manager@demo.test", "Maya Manager", "home-manager" },
        { "admin@demo.test", "Ada Admin", "home-admin" },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Each_demo_user_signs_in_and_lands_on_their_home_page(string email, string name, string homeSection)
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.SignInAsync(email, DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var home = await browser.GetPageAsync("/");
        Assert.Equal(name, home.QuerySelector("[data-testid=current-user]")?.TextContent);
        Assert.NotNull(home.QuerySelector($"[data-testid={homeSection}]"));
        Assert.Single(home.QuerySelectorAll("section[data-testid^=home-]"));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message()
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.SignInAsync("frontline@demo.test", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal(Login.WrongCredentials, page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Missing_fields_are_named()
    {
        using var browser = Fixture.CreateBrowser();

        var page = await TestBrowser.ReadAsync(await browser.SignInAsync("", ""));

        Assert.Contains("Enter your email address.", page.QuerySelector("#email-error")?.TextContent);
        Assert.Contains("Enter your password.", page.QuerySelector("#password-error")?.TextContent);
    }

    [Fact]
    public async Task The_sixth_attempt_after_five_failures_is_locked_out_even_with_the_right_password()
    {
        using var browser = Fixture.CreateBrowser();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await TestBrowser.ReadAsync(await browser.SignInAsync("frontline@demo.test", $"wrong-{attempt}"));
            Assert.Equal(Login.WrongCredentials, ErrorText(failed));
        }

        var fifth = await TestBrowser.ReadAsync(await browser.SignInAsync("frontline@demo.test", "wrong-5"));
        Assert.Equal(Login.LockedOut, ErrorText(fifth));

        var sixth = await browser.SignInAsync("frontline@demo.test", DemoData.Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Equal(Login.LockedOut, ErrorText(await TestBrowser.ReadAsync(sixth)));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var browser = await Fixture.SignInAsync("manager@demo.test");
        var home = await browser.GetPageAsync("/");

        var response = await browser.SubmitFormAsync(home, new Dictionary<string, string>(), "form[data-testid=sign-out]", "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        using var browser = Fixture.CreateBrowser();
        var page = await browser.GetPageAsync("/account/login?returnUrl=https%3A%2F%2Fevil.example%2F");

        var response = await browser.SubmitFormAsync(page,
            new Dictionary<string, string> { ["Input.Email"] = "manager@demo.test", ["Input.Password"] = DemoData.Password },
            "main form", "/account/login?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private static string? ErrorText(IHtmlDocument page) => page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim();
}
