using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

public sealed class AdminUsersTests(WebFixture fixture) : WebTest(fixture)
{
    private static Dictionary<string, string> NewUser(string email = "ravi@demo.test") => new()
    {
        ["Data.Email"] = email,
        ["Data.DisplayName"] = "Ravi Reception",
        ["Data.Password"] = "Reception-2026!",
        ["Data.Roles[]"] = "Frontline,Supervisor",
        ["Data.AtonementLimit"] = "120.50",
    };

    [Fact]
    public async Task An_admin_adds_a_user_who_can_then_sign_in()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");

        var response = await admin.SubmitFormAsync("/admin/users/new", NewUser());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetPageAsync("/admin/users");
        Assert.Contains("Ravi Reception can now sign in as ravi@demo.test.", list.QuerySelector("[data-testid=flash]")?.TextContent);
        var row = list.QuerySelectorAll("[data-testid=users] tbody tr").Single(r => r.TextContent.Contains("ravi@demo.test", StringComparison.Ordinal));
        Assert.Contains("Frontline, Supervisor", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("120.50", row.TextContent, StringComparison.Ordinal);

        using var ravi = await Fixture.SignInAsync("ravi@demo.test", "Reception-2026!");
        // The administrator knows that first password: Ravi chooses his own before anything else (PasswordTests).
        Assert.Equal("/account/password", (await ravi.GetAsync("/")).Headers.Location?.ToString());
        await ravi.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["Data.Current"] = "Reception-2026!", ["Data.New"] = "Ravis-own-2026!", ["Data.Confirm"] = "Ravis-own-2026!",
        });
        var home = await ravi.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("[data-testid=home-frontline]"));
        Assert.NotNull(home.QuerySelector("[data-testid=home-supervisor]"));
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_each_field_and_what_was_typed_is_kept()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var fields = NewUser("not an email");
        fields["Data.Password"] = "short";
        fields["Data.AtonementLimit"] = "12.345";

        var response = await admin.SubmitFormAsync("/admin/users/new", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Enter an email address like name@example.com.", page.QuerySelector("#email-error")?.TextContent);
        Assert.Equal("The password needs at least 12 characters.", page.QuerySelector("#password-error")?.TextContent);
        Assert.Equal("Use at most two decimals.", page.QuerySelector("#atonementlimit-error")?.TextContent);
        Assert.Equal("Ravi Reception", (page.QuerySelector("#Data_DisplayName") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        Assert.False(await Fixture.QueryAsync(db => db.Users.AnyAsync(u => u.DisplayName == "Ravi Reception")));
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_with_a_clear_message()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");

        var response = await admin.SubmitFormAsync("/admin/users/new", NewUser("frontline@demo.test"));

        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("A user with this email already exists.", page.QuerySelector("#email-error")?.TextContent);
        Assert.Equal(0, await Fixture.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Changing_roles_and_limit_is_saved_and_audited()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var id = await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "frontline@demo.test").Select(u => u.Id).SingleAsync());

        var response = await admin.SubmitFormAsync($"/admin/users/{id}", new Dictionary<string, string>
        {
            ["Data.Roles[]"] = "Frontline,Supervisor",
            ["Data.AtonementLimit"] = "80",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync($"/admin/users/{id}");
        var history = page.QuerySelector("[data-testid=history]")?.TextContent ?? "";
        Assert.Contains("atonement limit: role default → 80.00 EUR", history, StringComparison.Ordinal);
        Assert.Contains("roles: Frontline → Frontline, Supervisor", history, StringComparison.Ordinal);
        Assert.Equal(80m, await Fixture.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.AtonementLimit).SingleAsync()));
    }

    [Fact]
    public async Task Two_admins_editing_the_same_user_the_second_is_told_and_keeps_what_they_typed()
    {
        using var first = await Fixture.SignInAsync("admin@demo.test");
        using var second = await Fixture.SignInAsync("admin@demo.test");
        var id = await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "manager@demo.test").Select(u => u.Id).SingleAsync());
        var url = $"/admin/users/{id}";
        var firstForm = await first.GetPageAsync(url);
        var secondForm = await second.GetPageAsync(url);

        var ok = await first.SubmitFormAsync(firstForm, new Dictionary<string, string> { ["Data.DisplayName"] = "Maya M." }, "main form:not([action])", url);
        var conflict = await second.SubmitFormAsync(secondForm, new Dictionary<string, string> { ["Data.DisplayName"] = "Maya Manager-Smith" }, "main form:not([action])", url);

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await TestBrowser.ReadAsync(conflict);
        Assert.Equal(Web.Infrastructure.Errors.ConcurrencyConflictException.RecordMessage, page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Equal("Maya Manager-Smith", (page.QuerySelector("#Data_DisplayName") as AngleSharp.Html.Dom.IHtmlInputElement)?.Value);
        Assert.Equal("Maya M.", await Fixture.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()));

        // Saving again from the refreshed form works.
        var retry = await second.SubmitFormAsync(page, new Dictionary<string, string>(), "main form:not([action])", url);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal("Maya Manager-Smith", await Fixture.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task User_text_is_rendered_encoded()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");
        var fields = NewUser("xss@demo.test");
        fields["Data.DisplayName"] = "<script>alert(1)</script>";

        await admin.SubmitFormAsync("/admin/users/new", fields);
        var response = await admin.GetAsync("/admin/users");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_id_is_a_404()
    {
        using var admin = await Fixture.SignInAsync("admin@demo.test");

        var page = await admin.GetPageAsync($"/admin/users/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")?.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid=request-id]")?.TextContent));
    }
}
