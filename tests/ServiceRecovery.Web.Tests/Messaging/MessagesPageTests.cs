using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Messaging;

/// <summary>Admin › Messages: list, filter, paging, empty state, details shown as text, and Retry (admins only).</summary>
public sealed class MessagesPageTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Admin = "admin@demo.test";

    [Fact]
    public async Task An_empty_outbox_says_so()
    {
        using var admin = await Fixture.SignInAsync(Admin);
        var page = await admin.GetPageAsync("/admin/messages");
        Assert.Contains("No messages yet", page.QuerySelector("[data-testid=empty]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_are_listed_newest_first_25_a_page_and_filtered_by_status()
    {
        var ids = await MessagingDriver.EnqueueAsync(Fixture.Services, 30);
        await Fixture.ExecuteSqlAsync($"UPDATE outbox_messages SET status = 'Failed', attempts = 8, last_error = '550 mailbox unavailable' WHERE id = '{ids[0]}'");
        using var admin = await Fixture.SignInAsync(Admin);

        var first = await admin.GetPageAsync("/admin/messages");
        Assert.Equal(25, first.QuerySelectorAll("tr[data-testid=message]").Length);
        Assert.Contains("We have your complaint: SR-TEST-029", first.QuerySelectorAll("tr[data-testid=message]")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("page 1 of 2", first.QuerySelector("[data-testid=paging]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("30", "29", "0", "1"), (Count(first, "all"), Count(first, "pending"), Count(first, "sent"), Count(first, "failed")));

        var second = await admin.GetPageAsync("/admin/messages?status=all&p=2");
        Assert.Equal(5, second.QuerySelectorAll("tr[data-testid=message]").Length);

        var failed = await admin.GetPageAsync("/admin/messages?status=failed");
        var row = Assert.Single(failed.QuerySelectorAll("tr[data-testid=message]"));
        Assert.Contains("550 mailbox unavailable", row.TextContent, StringComparison.Ordinal);

        var sent = await admin.GetPageAsync("/admin/messages?status=sent");
        Assert.Contains("No sent messages", sent.QuerySelector("[data-testid=empty]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_details_show_the_text_and_the_html_source_as_text()
    {
        var id = (await MessagingDriver.EnqueueAsync(Fixture.Services, 1, prefix: "<img src=x onerror=alert(1)>"))[0];
        using var admin = await Fixture.SignInAsync(Admin);

        var response = await admin.GetAsync($"/admin/messages/{id}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestBrowser.ParseAsync(html);

        Assert.Contains("Dear <img src=x onerror=alert(1)> 0,", page.QuerySelector("[data-testid=text-body]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<p>Dear &lt;img src=x onerror=alert(1)&gt; 0,</p>", page.QuerySelector("[data-testid=html-body]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[data-testid=retry]")); // pending: nothing to retry
    }

    [Fact]
    public async Task An_admin_retries_a_failed_message_and_it_is_pending_again_and_audited()
    {
        var id = (await MessagingDriver.EnqueueAsync(Fixture.Services, 1))[0];
        await Fixture.ExecuteSqlAsync($"UPDATE outbox_messages SET status = 'Failed', attempts = 8, last_error = 'refused' WHERE id = '{id}'");
        using var admin = await Fixture.SignInAsync(Admin);

        var response = await admin.SubmitFormAsync($"/admin/messages/{id}", new Dictionary<string, string>(), "form[data-testid=retry]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var message = await Fixture.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal((OutboxStatus.Pending, 0), (message.Status, message.Attempts));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "message.retried" && a.Subject == $"message {id}")));
        var after = await admin.GetPageAsync($"/admin/messages/{id}");
        Assert.Contains("pending again", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_from_a_stale_page_is_refused_with_a_clear_message()
    {
        var id = (await MessagingDriver.EnqueueAsync(Fixture.Services, 1))[0];
        await Fixture.ExecuteSqlAsync($"UPDATE outbox_messages SET status = 'Failed', attempts = 8 WHERE id = '{id}'");
        using var admin = await Fixture.SignInAsync(Admin);
        var stale = await admin.GetPageAsync($"/admin/messages/{id}");
        await Fixture.ExecuteSqlAsync($"UPDATE outbox_messages SET last_error = 'changed meanwhile' WHERE id = '{id}'");

        var response = await admin.SubmitFormAsync(stale, new Dictionary<string, string>(), "form[data-testid=retry]", $"/admin/messages/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Contains("changed", page.QuerySelector(".validation-summary-errors, [data-testid=errors], .alert-danger")?.TextContent ?? page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(OutboxStatus.Failed, await Fixture.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    [Fact]
    public async Task Only_admins_see_the_messages()
    {
        var id = (await MessagingDriver.EnqueueAsync(Fixture.Services, 1))[0];
        using var frontline = await Fixture.SignInAsync(CaseDriver.Frontline);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync("/admin/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync($"/admin/messages/{id}")).StatusCode);
        using var manager = await Fixture.SignInAsync(CaseDriver.Manager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync($"/admin/messages/{id}")).StatusCode);
    }

    private static string Count(AngleSharp.Html.Dom.IHtmlDocument page, string key) =>
        page.QuerySelector($"[data-testid=count-{key}]")!.TextContent.Trim();
}
