using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Web.Features.Account;
using ServiceRecovery.Web.Infrastructure.Security;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

public sealed class AccessTests(WebFixture fixture) : WebTest(fixture)
{
    [Theory]
    [InlineData("frontline@demo.test")]
    [InlineData("supervisor@demo.test")]
    [InlineData("manager@demo.test")]
    public async Task Admin_users_is_forbidden_to_other_roles(string email)
    {
        using var browser = await Fixture.SignInAsync(email);

        var page = await browser.GetPageAsync("/admin/users", HttpStatusCode.Forbidden);
        Assert.Contains("You don't have access", page.QuerySelector("h1")?.TextContent);

        var post = await browser.PostAsync("/admin/users/new", [new("Data.Email", "x@demo.test")]);
        Assert.True(post.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"got {post.StatusCode}");
        Assert.Null(await Fixture.QueryAsync(db => Task.FromResult(db.Users.SingleOrDefault(u => u.Email == "x@demo.test"))));
    }

    [Fact]
    public async Task Admin_users_opens_for_an_admin()
    {
        using var browser = await Fixture.SignInAsync("admin@demo.test");

        var page = await browser.GetPageAsync("/admin/users");

        Assert.Equal(5, page.QuerySelectorAll("[data-testid=users] tbody tr").Length);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/login?ReturnUrl=", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_gets_400_and_changes_nothing()
    {
        using var browser = await Fixture.SignInAsync("admin@demo.test");

        var response = await browser.PostAsync("/admin/users/new",
        [
            new("Data.Email", "forged@demo.test"), new("Data.DisplayName", "Forged"),
            new("Data.Password", "Forged-pass-2026!"), new("Data.Roles", "Admin"),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await Fixture.QueryAsync(db => Task.FromResult(db.Users.Any(u => u.Email == "forged@demo.test"))));
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/css/site.css")]
    [InlineData("/health/live")]
    [InlineData("/admin/users")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.GetAsync(url);

        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, string.Join("", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/lib/bootstrap/css/bootstrap.min.css", "text/css")]
    [InlineData("/lib/bootstrap/js/bootstrap.bundle.min.js", "text/javascript")]
    [InlineData("/img/favicon.svg", "image/svg+xml")]
    public async Task Styles_and_scripts_are_served_locally_without_signing_in(string url, string contentType)
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_auth_cookie_is_a_host_cookie_http_only_same_site_and_secure_outside_development()
    {
        using var browser = Fixture.CreateBrowser();

        var response = await browser.SignInAsync("frontline@demo.test", Web.Infrastructure.Startup.DemoData.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-sr.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("path=/;", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_page_renders_inline_script_or_style()
    {
        using var browser = await Fixture.SignInAsync("admin@demo.test");
        foreach (var url in new[] { "/", "/admin/users", "/admin/users/new", "/account/logout", "/complain", "/complain?lang=vi", "/complain/received" })
        {
            var page = await browser.GetPageAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("style"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }
    }

    [Fact]
    public void Every_page_has_an_authorization_policy_and_only_sign_in_and_errors_are_anonymous()
    {
        var endpoints = Fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToList();
        Assert.NotEmpty(endpoints);

        var anonymous = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                anonymous.Add(route);
                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            Assert.True(policies.Any(p => !string.IsNullOrEmpty(p.Policy)), $"Page {route} names no authorization policy.");
        }

        Assert.Equal(
            ["account/login", "account/login-2fa", "account/logout", "complain", "complain/problem/{code:int}", "complain/received", "error/{code:int?}", "s/thanks", "s/{token}"],
            anonymous.Distinct().Order(StringComparer.Ordinal));
        Assert.NotNull(typeof(Login).GetCustomAttributes(typeof(AllowAnonymousAttribute), false).SingleOrDefault());
    }
}
