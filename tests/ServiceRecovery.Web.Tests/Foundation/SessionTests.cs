using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>Sessions that end, and a sign-in page that tells an attacker nothing.</summary>
public sealed class SessionTests(WebFixture fixture) : WebTest(fixture)
{
    /// <summary>The auth cookie as a browser would replay it ("name=value").</summary>
    private static string AuthCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-sr.auth=", StringComparison.Ordinal)).Split(';')[0];

    private HttpClient ClientWithCookie(AppFactory factory, string cookie)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_no_longer_opens_anything()
    {
        using var browser = Fixture.CreateBrowser();
        var cookie = AuthCookie(await browser.SignInAsync("supervisor@demo.test", DemoData.Password));
        using var copy = ClientWithCookie(Fixture.Factory, cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/approvals", UriKind.Relative))).StatusCode);

        var home = await browser.GetPageAsync("/");
        var signedOut = await browser.SubmitFormAsync(home, new Dictionary<string, string>(), "form[data-testid=sign-out]", "/");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var replay = await copy.GetAsync(new Uri("/approvals", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/account/login", replay.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_active()
    {
        // An absolute lifetime of zero: the session is over at the very next request after signing in.
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString, new Dictionary<string, string?> { ["Auth:AbsoluteSessionHours"] = "0" });
        using var browser = new TestBrowser(factory.CreateBrowserClient());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("manager@demo.test", DemoData.Password)).StatusCode);

        var next = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/account/login", next.Headers.Location?.ToString(), StringComparison.Ordinal);
        // The default keeps an ordinary session going.
        using var ordinary = await Fixture.SignInAsync("manager@demo.test");
        Assert.Equal(HttpStatusCode.OK, (await ordinary.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_disabled_accounts_answer_like_a_wrong_password_after_the_same_hashing()
    {
        CountingHasher.Reset();
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString)
        {
            ExtraServices = s => s.AddScoped<IPasswordHasher<AppUser>, CountingHasher>(),
        };
        await Fixture.ExecuteSqlAsync("UPDATE users SET is_disabled = true WHERE email = 'frontline@demo.test'");
        using var browser = new TestBrowser(factory.CreateBrowserClient());

        async Task<(string Message, int Hashes)> TryAsync(string email, string password)
        {
            var before = CountingHasher.Verifications;
            var page = await TestBrowser.ReadAsync(await browser.SignInAsync(email, password));
            return (page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim() ?? "", CountingHasher.Verifications - before);
        }

        var wrong = await TryAsync("manager@demo.test", "Not-the-password-1!");
        var unknown = await TryAsync("nobody@demo.test", "Not-the-password-1!");
        var disabledRight = await TryAsync("frontline@demo.test", DemoData.Password);
        var disabledWrong = await TryAsync("frontline@demo.test", "Not-the-password-1!");

        Assert.All(new[] { wrong, unknown, disabledRight, disabledWrong }, r => Assert.Equal((Login.WrongCredentials, 1), r));
        // The disabled account's wrong password counts towards its lockout, like anyone's.
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "frontline@demo.test").Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_email_is_locked_out_after_as_many_failures_as_a_real_account()
    {
        using var browser = Fixture.CreateBrowser();
        var answers = new List<string>();
        foreach (var email in new[] { "nobody@demo.test", "manager@demo.test" })
        {
            for (var i = 0; i < 5; i++)
            {
                var page = await TestBrowser.ReadAsync(await browser.SignInAsync(email, "Not-the-password-1!"));
                answers.Add($"{email} {i + 1}: {page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim()}");
            }
        }

        Assert.Equal(
            [.. Enumerable.Range(1, 4).Select(i => $"nobody@demo.test {i}: {Login.WrongCredentials}"), $"nobody@demo.test 5: {Login.LockedOut}",
             .. Enumerable.Range(1, 4).Select(i => $"manager@demo.test {i}: {Login.WrongCredentials}"), $"manager@demo.test 5: {Login.LockedOut}"],
            answers);
    }

    [Theory]
    [InlineData("/customers/search?q=Ol")]
    [InlineData("/queue?handler=Export")]
    [InlineData("/compensation?handler=Export")]
    public async Task Personal_data_in_exports_and_the_customer_search_is_never_cached(string url)
    {
        using var manager = await Fixture.SignInAsync("manager@demo.test");

        var response = await manager.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Identity's own hasher, counting the password checks it does.</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private static int s_verifications;
        private readonly PasswordHasher<AppUser> _inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }));

        public static int Verifications => Volatile.Read(ref s_verifications);

        public static void Reset() => Interlocked.Exchange(ref s_verifications, 0);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref s_verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
