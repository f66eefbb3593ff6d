using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>Logging through the form, My cases, the customer page and customer search; what people type is shown as text, never as markup.</summary>
public sealed class CaseListPageTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Script = "<script>alert(1)</script>";
    private readonly CaseDriver _cases = new(fixture);

    [Fact]
    public async Task Logging_a_complaint_through_the_form_lands_on_the_new_case()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await browser.SubmitFormAsync("/cases/new", ValidForm(), "#log-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location?.OriginalString;
        Assert.Matches($"^/cases/SR-{_cases.ThisYear}-\\d{{6}}$", location);
        var reference = location![7..];
        var page = await browser.GetPageAsync(location);
        Assert.Equal(reference, page.QuerySelector("[data-testid=case-reference]")?.TextContent);
        Assert.Equal("Logged", page.QuerySelector("[data-testid=case-stage]")?.TextContent);
        Assert.Equal(CaseDriver.FrontlineName, page.QuerySelector("[data-testid=case-owner]")?.TextContent);
        Assert.Equal($"Complaint logged as {reference}. Next: apologize — quickly.", page.QuerySelector("[data-testid=flash]")?.TextContent);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal((Channel.Phone, Severity.Major, "Noise"), (saved.Channel, saved.Severity, saved.Category));
    }

    [Fact]
    public async Task Posting_the_complaint_form_twice_logs_one_case()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var form = await browser.GetPageAsync("/cases/new");

        var first = await browser.SubmitFormAsync(form, ValidForm(), "#log-form", "/cases/new");
        var second = await browser.SubmitFormAsync(form, ValidForm(), "#log-form", "/cases/new");

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single(await Fixture.QueryAsync(db => Task.FromResult(db.Cases.ToList())));
    }

    [Fact]
    public async Task An_invalid_complaint_form_names_each_field_and_keeps_what_was_typed()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var fields = ValidForm();
        fields["Data.CustomerEmail"] = "not-an-email";
        fields.Remove("Data.Severity");
        fields["Data.WhatHappened"] = "Nobody answered the phone for an hour.";

        var response = await browser.SubmitFormAsync("/cases/new", fields, "#log-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Enter an email address like name@example.com.", page.QuerySelector("#customeremail-error")?.TextContent);
        Assert.Equal("Choose how severe the failure is.", page.QuerySelector("#severity-error")?.TextContent);
        Assert.Equal("", page.QuerySelector("#whathappened-error")?.TextContent);
        Assert.Equal("Nobody answered the phone for an hour.", page.QuerySelector("textarea[name='Data.WhatHappened']")?.TextContent);
        Assert.Equal("not-an-email", (page.QuerySelector("#Data_CustomerEmail") as IHtmlInputElement)?.Value);
        Assert.Equal("Noise", (page.QuerySelector("#Data_Category") as IHtmlSelectElement)?.Value);
        Assert.Empty(await Fixture.QueryAsync(db => Task.FromResult(db.Customers.ToList())));
    }

    [Fact]
    public async Task The_complaint_text_and_the_customers_name_never_reach_the_log()
    {
        const string story = "Quokka-7731 the marmalade lift trapped my aunt Philippa";
        const string name = "Zebulon Quixote-Fairweather";
        const string apology = "Abject-Contrition-5519 I am so sorry";
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var fields = ValidForm();
        fields["Data.CustomerName"] = name;
        fields["Data.WhatHappened"] = story;

        var invalid = new Dictionary<string, string>(fields) { ["Data.CustomerEmail"] = "bad email" };
        await browser.GetAsync($"/customers/search?q={Uri.EscapeDataString(name)}");
        await browser.GetAsync($"/cases/new?q={Uri.EscapeDataString(name)}");
        await browser.SubmitFormAsync("/cases/new", invalid, "#log-form");
        var response = await browser.SubmitFormAsync("/cases/new", fields, "#log-form");
        var reference = response.Headers.Location!.OriginalString[7..];
        var command = CaseDriver.Complaint(name);
        command.WhatHappened = story;
        await Fixture.SendAsync(command, CaseDriver.Supervisor);
        await browser.SubmitFormAsync($"/cases/{reference}/apologize", new Dictionary<string, string> { ["Data.Words"] = apology });

        var log = Fixture.Factory.Logs;
        Assert.NotEmpty(await log.WaitForAsync($"HTTP POST /cases/{reference}/apologize responded 302"));
        Assert.True(log.Contains("HTTP GET /customers/search responded 200"), log.ToString());
        Assert.True(log.Contains("New.Command handled"), log.ToString());
        Assert.True(log.Contains("New.Command rejected by validation (CustomerEmail)"), log.ToString());
        Assert.True(log.Contains("Apologize.Command handled"), log.ToString());
        Assert.False(log.Contains(story), "the complaint text was logged");
        Assert.False(log.Contains("Quokka-7731"), "part of the complaint text was logged");
        Assert.False(log.Contains(name), "the customer's name was logged");
        Assert.False(log.Contains("Quixote"), "part of the customer's name (or a search for it) was logged");
        Assert.False(log.Contains("Abject-Contrition-5519"), "the apology was logged");
    }

    [Fact]
    public async Task Text_people_typed_is_shown_encoded_on_the_case_page_the_customer_page_and_my_cases()
    {
        var command = CaseDriver.Complaint(customerName: Script);
        command.WhatHappened = Script + "<img src=x onerror=alert(2)>";
        var reference = await _cases.LogAsync(CaseDriver.Frontline, command);
        await _cases.SendStepAsync(reference, new Apologize.Command { Words = "<b>sorry</b>" + Script });
        var customerId = (await _cases.CaseAsync(reference)).CustomerId;
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        foreach (var url in new[] { $"/cases/{reference}", $"/customers/{customerId}", "/cases/mine", "/", $"/cases/{reference}/listen" })
        {
            var html = await (await browser.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(Script, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>sorry", html, StringComparison.OrdinalIgnoreCase);
            var page = await TestBrowser.ParseAsync(html);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src"), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("img[onerror]"));
            Assert.Contains(Script, page.Body?.TextContent, StringComparison.Ordinal);
        }

        var casePage = await browser.GetPageAsync($"/cases/{reference}");
        Assert.Equal(command.WhatHappened, casePage.QuerySelector("[data-testid=what-happened]")?.TextContent);
        Assert.Equal(Script, casePage.QuerySelector("[data-testid=case-customer]")?.TextContent);
        var customerPage = await browser.GetPageAsync($"/customers/{customerId}");
        Assert.StartsWith(Script, customerPage.QuerySelector("[data-testid=customer-name]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_results_show_names_as_text()
    {
        await _cases.LogAsync(CaseDriver.Frontline, CaseDriver.Complaint(customerName: "Eve " + Script, email: "eve@example.com"));
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var html = await (await browser.GetAsync("/customers/search?q=eve")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
        var page = await TestBrowser.ParseAsync(html);
        Assert.Equal("Eve " + Script, page.QuerySelector("[data-pick-customer] strong")?.TextContent);
        Assert.Equal("Eve " + Script, page.QuerySelector("[data-pick-customer]")?.GetAttribute("data-customer-label"));
    }

    [Fact]
    public async Task My_cases_groups_my_open_cases_with_follow_ups_due_today_first()
    {
        var logged = await _cases.LogAtAsync(Stage.Logged);
        var apologized = await _cases.LogAtAsync(Stage.Apologized);
        var dueLater = await _cases.LogAtAsync(Stage.FollowUpDue);
        var dueToday = await _cases.LogAtAsync(Stage.Atoned);
        await _cases.SendStepAsync(dueToday, new ScheduleFollowUp.Command { DueOn = _cases.Today });
        var closed = await _cases.LogAtAsync(Stage.Closed);
        var someoneElses = await _cases.LogAtAsync(Stage.Logged, owner: CaseDriver.Supervisor);
        var unassigned = await _cases.LogAtAsync(Stage.Logged, owner: null);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync("/cases/mine");

        var groups = page.QuerySelectorAll("section[data-testid^=group-]")
            .Select(s => (Group: s.GetAttribute("data-testid"), Cases: string.Join(",", s.QuerySelectorAll("tbody a").Select(a => a.TextContent))))
            .ToList();
        Assert.Equal(
        [
            ("group-follow-up-today", dueToday),
            ("group-apologize", logged),
            ("group-listen", apologized),
            ("group-follow-up-later", dueLater),
            ("group-unassigned", unassigned),
        ], groups);
        Assert.Equal("4 open", page.QuerySelector("[data-testid=open-count]")?.TextContent);
        Assert.DoesNotContain(closed, page.Body?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(someoneElses, page.Body?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=no-cases]"));
    }

    [Fact]
    public async Task An_overdue_follow_up_is_among_those_due_today()
    {
        var overdue = await _cases.LogAtAsync(Stage.FollowUpDue);
        var yesterday = _cases.Today.AddDays(-1);
        await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == overdue)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FollowUpDueOn, yesterday)));
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync("/cases/mine");

        Assert.Equal(overdue, page.QuerySelector("[data-testid=group-follow-up-today] tbody a")?.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=group-follow-up-later]"));
    }

    [Fact]
    public async Task My_cases_without_any_open_case_shows_the_empty_state()
    {
        await _cases.LogAtAsync(Stage.Withdrawn);
        await _cases.LogAtAsync(Stage.Logged, owner: CaseDriver.Supervisor);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync("/cases/mine");

        Assert.NotNull(page.QuerySelector("[data-testid=no-cases]"));
        Assert.Empty(page.QuerySelectorAll("section[data-testid^=group-]"));
        Assert.Equal("0 open", page.QuerySelector("[data-testid=open-count]")?.TextContent);
    }

    [Fact]
    public async Task The_frontline_home_page_shows_my_cases()
    {
        var logged = await _cases.LogAtAsync(Stage.Logged);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync("/");

        var section = page.QuerySelector("[data-testid=home-my-cases] [data-testid=group-apologize]");
        Assert.Equal(logged, section?.QuerySelector("tbody a")?.TextContent);
    }

    [Fact]
    public async Task The_customer_page_lists_that_customers_cases_and_nobody_elses()
    {
        var first = await _cases.LogAsync();
        var customerId = (await _cases.CaseAsync(first)).CustomerId;
        var again = CaseDriver.Complaint();
        again.CustomerId = customerId;
        var second = await _cases.LogAsync(CaseDriver.Supervisor, again);
        var other = await _cases.LogAsync(CaseDriver.Frontline, CaseDriver.Complaint("Tomasz Nowak", "tomasz@example.org"));
        using var browser = await Fixture.SignInAsync(CaseDriver.Supervisor); // frontline staff see less: CustomerScopeTests

        var page = await browser.GetPageAsync($"/customers/{customerId}");

        Assert.StartsWith("Priya Shah", page.QuerySelector("[data-testid=customer-name]")?.TextContent, StringComparison.Ordinal);
        var listed = page.QuerySelectorAll("[data-testid=customer-cases] tbody a").Select(a => a.TextContent).Order();
        Assert.Equal(new[] { first, second }.Order(), listed);
        Assert.Equal("2 case(s)", page.QuerySelector("[data-testid=customer-case-count]")?.TextContent);
        Assert.DoesNotContain(other, page.Body?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_customer_page_shows_fifty_cases_a_page_and_the_next_page_shows_the_rest()
    {
        var first = await _cases.LogAsync();
        var customerId = (await _cases.CaseAsync(first)).CustomerId;
        for (var i = 0; i < 50; i++)
        {
            var again = CaseDriver.Complaint();
            again.CustomerId = customerId;
            await _cases.LogAsync(CaseDriver.Frontline, again);
        }

        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var pageOne = await browser.GetPageAsync($"/customers/{customerId}");
        var pageTwo = await browser.GetPageAsync($"/customers/{customerId}?p=2");

        Assert.Equal("51 case(s)", pageOne.QuerySelector("[data-testid=customer-case-count]")?.TextContent);
        Assert.Equal(50, pageOne.QuerySelectorAll("[data-testid=customer-cases] tbody tr").Length);
        Assert.Contains("Page 1 of 2", pageOne.QuerySelector(".pagination")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", pageTwo.QuerySelector(".pagination")?.TextContent, StringComparison.Ordinal);
        var rest = pageTwo.QuerySelectorAll("[data-testid=customer-cases] tbody a").Select(a => a.TextContent);
        Assert.Equal([first], rest);
    }

    [Fact]
    public async Task An_unknown_customer_is_not_found()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        await browser.GetPageAsync($"/customers/{Guid.CreateVersion7()}", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("shah", "Priya Shah")]
    [InlineData("PRIYA", "Priya Shah")]
    [InlineData("example.org", "Tomasz Nowak")]
    [InlineData("tomasz.nowak@", "Tomasz Nowak")]
    [InlineData("7946 01", "Priya Shah")]
    [InlineData("900123", "Aisha Rahman,Tomasz Nowak")]
    [InlineData("  rahman ", "Aisha Rahman")]
    public async Task Customer_search_finds_customers_by_a_fragment_of_name_email_or_phone(string q, string expected)
    {
        await SearchableCustomersAsync();
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/customers/search?q={Uri.EscapeDataString(q)}");

        var names = page.QuerySelectorAll("[data-testid=customer-matches] [data-pick-customer]").Select(a => a.GetAttribute("data-customer-label"));
        Assert.Equal(expected.Split(','), names);
    }

    [Theory]
    [InlineData("a", "customer-hint")]
    [InlineData("zzz", "no-customer")]
    [InlineData("__", "no-customer")]
    [InlineData("%%", "no-customer")]
    public async Task Customer_search_needs_two_characters_and_takes_wildcards_literally(string q, string testId)
    {
        await SearchableCustomersAsync();
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/customers/search?q={Uri.EscapeDataString(q)}");

        Assert.NotNull(page.QuerySelector($"[data-testid={testId}]"));
        Assert.Empty(page.QuerySelectorAll("[data-pick-customer]"));
    }

    [Fact]
    public async Task Picking_a_customer_from_search_fills_the_complaint_form()
    {
        var first = await _cases.LogAsync();
        var customerId = (await _cases.CaseAsync(first)).CustomerId;
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var search = await browser.GetPageAsync("/cases/new?q=priya");
        var link = search.QuerySelector("#customer-results [data-pick-customer]")?.GetAttribute("href");
        Assert.Equal($"/cases/new?customerId={customerId}", link);

        var form = await browser.GetPageAsync(link!);
        Assert.StartsWith("Priya Shah", form.QuerySelector("[data-testid=picked-customer]")?.TextContent.Trim(), StringComparison.Ordinal);
        var fields = ValidForm();
        foreach (var key in new[] { "Data.CustomerName", "Data.CustomerEmail", "Data.CustomerPhone" })
        {
            fields.Remove(key);
        }

        var response = await browser.SubmitFormAsync(form, fields, "#log-form", link!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await Fixture.QueryAsync(db => Task.FromResult(db.Cases.Count(c => c.CustomerId == customerId))));
        Assert.Single(await Fixture.QueryAsync(db => Task.FromResult(db.Customers.ToList())));
    }

    private async Task SearchableCustomersAsync()
    {
        await _cases.LogAsync(CaseDriver.Frontline, CaseDriver.Complaint("Priya Shah", "priya.shah@example.com", "+44 20 7946 0101"));
        await _cases.LogAsync(CaseDriver.Frontline, CaseDriver.Complaint("Tomasz Nowak", "Tomasz.Nowak@Example.org", "07700 900123"));
        await _cases.LogAsync(CaseDriver.Frontline, CaseDriver.Complaint("Aisha Rahman", null, "+44 7700 900123"));
    }

    private static Dictionary<string, string> ValidForm() => new()
    {
        ["Data.CustomerName"] = "Lucas Moreau",
        ["Data.CustomerEmail"] = "lucas.moreau@example.com",
        ["Data.CustomerPhone"] = "+33 1 23 45 67 89",
        ["Data.Channel"] = "Phone",
        ["Data.Category"] = "Noise",
        ["Data.Severity"] = "Major",
        ["Data.WhatHappened"] = "Construction noise from 7am right outside my window.",
        ["Data.CustomerWants"] = "A quiet room tonight.",
        ["Data.TransactionValue"] = "180",
    };
}
