using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Tests.Approvals;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Queue;

/// <summary>The queue's "Flagged customers only" filter and the flag marker on its rows.</summary>
public sealed class FlaggedQueueTests(WebFixture fixture) : WebTest(fixture)
{
    private const string Frontline = "frontline@demo.test";
    private const string Supervisor = "supervisor@demo.test";

    /// <summary>A customer with three compensated cases (vouchers within a supervisor's limit, granted at once): flagged.</summary>
    private async Task<(Guid CustomerId, List<string> Cases)> FlaggedCustomerAsync(string name = "Rex Repeat")
    {
        Guid? customerId = null;
        var cases = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reference = await ApprovalDriver.FixedCaseAsync(Fixture, customer: name, customerId: customerId);
            customerId ??= await CustomerOfAsync(reference);
            await ApprovalDriver.StepAsync(Fixture, new Atone.Command { Gesture = GestureType.Voucher, Amount = 20m }, reference, Supervisor);
            cases.Add(reference);
        }

        return (customerId!.Value, cases);
    }

    private Task<Guid> CustomerOfAsync(string reference) =>
        Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.CustomerId).SingleAsync());

    /// <summary>Another complaint from a known customer, owned by whoever logs it (or unassigned).</summary>
    private Task<string> LogForAsync(Guid customerId, string asEmail, bool assignToMe = true) =>
        Fixture.SendAsync(new New.Command
        {
            CustomerId = customerId, Channel = Channel.Email, Category = "Noise", Severity = Severity.Minor,
            WhatHappened = "Noise again.", AssignToMe = assignToMe, RequestId = Guid.NewGuid(),
        }, asEmail);

    private Task SqlAsync(string sql) => Fixture.ExecuteSqlAsync(sql);

    private static List<string> References(IHtmlDocument page) => QueuePage.References(page);

    private static bool Marked(IHtmlDocument page, string reference) =>
        page.QuerySelector($"tr[data-reference='{reference}'] [data-testid=row-flag]") is not null;

    [Fact]
    public async Task The_flagged_view_lists_only_the_open_cases_of_flagged_customers()
    {
        var (flaggedId, compensated) = await FlaggedCustomerAsync();
        var another = await LogForAsync(flaggedId, Supervisor);
        // Two compensated cases: below the threshold of three.
        var almost = await ApprovalDriver.FixedCaseAsync(Fixture, customer: "Nora Nearly");
        var almostId = await CustomerOfAsync(almost);
        await ApprovalDriver.StepAsync(Fixture, new Atone.Command { Gesture = GestureType.Voucher, Amount = 20m }, almost, Frontline);
        var almostSecond = await ApprovalDriver.FixedCaseAsync(Fixture, customerId: almostId);
        await ApprovalDriver.StepAsync(Fixture, new Atone.Command { Gesture = GestureType.Voucher, Amount = 20m }, almostSecond, Frontline);
        // A flagged customer's closed case is not in any queue.
        var driver = new CaseDriver(Fixture);
        await driver.SendStepAsync(compensated[2], driver.StepInto(Stage.FollowUpDue));
        await driver.SendStepAsync(compensated[2], new Features.Cases.FollowUpOutcome.Command { Outcome = Domain.Cases.FollowUpOutcome.Satisfied });
        using var supervisor = await Fixture.SignInAsync(Supervisor);

        var all = await supervisor.GetPageAsync("/queue");
        var flagged = await supervisor.GetPageAsync("/queue?View.Flagged=true");

        Assert.Equal(new[] { compensated[0], compensated[1], another, almost, almostSecond }.Order(), References(all).Order());
        Assert.Equal(new[] { compensated[0], compensated[1], another }.Order(), References(flagged).Order());
        // The checkbox shows the view, and every link of the view keeps the filter.
        var box = flagged.QuerySelector("#f-flagged") as IHtmlInputElement;
        Assert.True(box?.IsChecked);
        Assert.Equal("Flagged customers only", flagged.QuerySelector("label[for=f-flagged]")?.TextContent);
        Assert.False((all.QuerySelector("#f-flagged") as IHtmlInputElement)?.IsChecked);
        Assert.All(flagged.QuerySelectorAll("[data-testid=sla-counts] a, [data-testid=stage-counts] a, [data-testid=export]"),
            a => Assert.Contains("View.Flagged=true", a.GetAttribute("href"), StringComparison.Ordinal));
        // Counts follow the filter, like every other filter.
        Assert.Equal("Gesture given (2)", flagged.QuerySelector("[data-stage=Atoned]")?.TextContent);
        Assert.Equal("Logged (1)", flagged.QuerySelector("[data-stage=Logged]")?.TextContent);
        Assert.Equal("Gesture given (4)", all.QuerySelector("[data-stage=Atoned]")?.TextContent);
        // The marker: on the flagged customer's rows only, in both views.
        Assert.True(Marked(all, another));
        Assert.True(Marked(all, compensated[0]));
        Assert.False(Marked(all, almost));
        Assert.False(Marked(all, almostSecond));
        Assert.All(References(flagged), r => Assert.True(Marked(flagged, r)));
    }

    [Fact]
    public async Task Clearing_the_flag_takes_the_customer_out_of_the_flagged_view()
    {
        var (customerId, compensated) = await FlaggedCustomerAsync();
        using var supervisor = await Fixture.SignInAsync(Supervisor);
        Assert.Equal(compensated.Order(), References(await supervisor.GetPageAsync("/queue?View.Flagged=true")).Order());

        var cleared = await supervisor.SubmitFormAsync($"/customers/{customerId}", new Dictionary<string, string> { ["Clear.Reason"] = "Genuine bad luck." }, "form[action*='handler=ClearFlag']");
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);

        var flagged = await supervisor.GetPageAsync("/queue?View.Flagged=true");
        Assert.Empty(References(flagged));
        Assert.NotNull(flagged.QuerySelector("[data-testid=queue-empty]"));
        var all = await supervisor.GetPageAsync("/queue");
        Assert.Equal(compensated.Order(), References(all).Order());
        Assert.All(compensated, r => Assert.False(Marked(all, r)));
    }

    [Fact]
    public async Task Frontline_staff_see_only_their_own_and_unassigned_cases_in_the_flagged_view_and_its_export()
    {
        var (customerId, franCases) = await FlaggedCustomerAsync();
        var samsCase = await LogForAsync(customerId, Supervisor);
        var unassigned = await LogForAsync(customerId, Supervisor, assignToMe: false);
        var unflagged = await Fixture.SendAsync(CaseDriver.Complaint("Olive Other", "olive@example.com"), Frontline);
        using var frontline = await Fixture.SignInAsync(Frontline);

        var seen = References(await frontline.GetPageAsync("/queue?View.Flagged=true"));
        var csv = await (await frontline.GetAsync("/queue?View.Flagged=true&handler=Export")).Content.ReadAsStringAsync();

        Assert.Equal(franCases.Append(unassigned).Order(), seen.Order());
        Assert.DoesNotContain(samsCase, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(unflagged, csv, StringComparison.Ordinal);
        Assert.All(franCases.Append(unassigned), r => Assert.Contains(r, csv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_csv_export_of_the_flagged_view_has_only_the_flagged_customers_cases()
    {
        var (_, compensated) = await FlaggedCustomerAsync();
        var other = await Fixture.SendAsync(CaseDriver.Complaint("Olive Other", "olive@example.com"), Supervisor);
        using var supervisor = await Fixture.SignInAsync(Supervisor);

        var page = await supervisor.GetPageAsync("/queue?View.Flagged=true");
        var exportLink = page.QuerySelector("[data-testid=export]")!.GetAttribute("href")!;
        var csv = await (await supervisor.GetAsync(exportLink)).Content.ReadAsStringAsync();
        var everything = await (await supervisor.GetAsync("/queue?handler=Export")).Content.ReadAsStringAsync();

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + compensated.Count, lines.Length);
        Assert.All(compensated, r => Assert.Contains(r, csv, StringComparison.Ordinal));
        Assert.DoesNotContain(other, csv, StringComparison.Ordinal);
        Assert.Contains(other, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keyset_paging_keeps_the_flagged_filter()
    {
        var (customerId, compensated) = await FlaggedCustomerAsync();
        var expected = new List<string>(compensated);
        for (var i = 0; i < 24; i++)
        {
            expected.Add(await LogForAsync(customerId, Supervisor));
        }

        for (var i = 0; i < 3; i++)
        {
            await Fixture.SendAsync(CaseDriver.Complaint($"Other {i}", $"other{i}@example.com"), Supervisor);
        }

        using var supervisor = await Fixture.SignInAsync(Supervisor);
        var walked = new List<string>();
        string? url = "/queue?View.Flagged=true&View.Sort=Age";
        var pages = 0;
        while (url is not null && pages++ < 5)
        {
            Assert.Contains("View.Flagged=true", url, StringComparison.Ordinal);
            var page = await supervisor.GetPageAsync(url);
            walked.AddRange(References(page));
            url = page.QuerySelector("[data-testid=next-page]")?.GetAttribute("href");
        }

        Assert.Equal(2, pages);
        Assert.Equal(expected.Order(), walked.Order());
    }

    [Fact]
    public async Task The_flagged_set_counts_like_the_case_page_flag_window_kinds_gestures_and_amount()
    {
        // Ledger lines written straight into the table, to put some outside the 90-day window.
        async Task<(Guid Customer, List<(Guid Id, Guid Customer)> Cases)> CustomerWithCasesAsync(string name, int count)
        {
            var first = await Fixture.SendAsync(CaseDriver.Complaint(name, $"{name.Replace(' ', '.')}@example.com"), Supervisor);
            var customer = await CustomerOfAsync(first);
            var refs = new List<string> { first };
            for (var i = 1; i < count; i++)
            {
                refs.Add(await LogForAsync(customer, Supervisor));
            }

            var ids = await Fixture.QueryAsync(db => db.Cases.Where(c => refs.Contains(c.Reference)).Select(c => c.Id).ToListAsync());
            return (customer, ids.Select(id => (id, customer)).ToList());
        }

        string Line((Guid Id, Guid Customer) c, string kind, string age, decimal amount = 10m) =>
            $"('{Guid.NewGuid()}', '{c.Id}', '{c.Customer}', '{Guid.NewGuid()}', '{kind}', 'Voucher', {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 'EUR', '{Guid.NewGuid()}', 'Fran', '{Guid.NewGuid()}', 'Fran', now() - interval '{age}')";

        var inWindow = await CustomerWithCasesAsync("Ina Window", 3);
        var old = await CustomerWithCasesAsync("Otto Old", 3);
        var sameCase = await CustomerWithCasesAsync("Sam Samecase", 2);
        var proposedOnly = await CustomerWithCasesAsync("Pia Proposed", 3);
        // The amount signal (1,000 EUR by default): one large gesture flags, just under it does not.
        var large = await CustomerWithCasesAsync("Lars Large", 1);
        var under = await CustomerWithCasesAsync("Ulla Under", 2);
        // Flags cleared: inside the window (the count starts again from there) and before it (no effect).
        var clearedThenMore = await CustomerWithCasesAsync("Cleo Again", 4);
        var clearedQuiet = await CustomerWithCasesAsync("Carl Quiet", 4);
        var clearedLongAgo = await CustomerWithCasesAsync("Lola Longago", 3);
        await SqlAsync($"UPDATE customers SET abuse_flag_cleared_at = now() - interval '10 days' WHERE id IN ('{clearedThenMore.Customer}', '{clearedQuiet.Customer}')");
        await SqlAsync($"UPDATE customers SET abuse_flag_cleared_at = now() - interval '100 days' WHERE id = '{clearedLongAgo.Customer}'");
        var lines = new List<string>
        {
            Line(inWindow.Cases[0], "Approved", "1 day"), Line(inWindow.Cases[1], "Adjusted", "30 days"), Line(inWindow.Cases[2], "Approved", "89 days"),
            Line(old.Cases[0], "Approved", "1 day"), Line(old.Cases[1], "Approved", "2 days"), Line(old.Cases[2], "Approved", "91 days"),
            // Three grants on two cases: three compensated gestures (a reopened case atoned twice counts twice).
            Line(sameCase.Cases[0], "Approved", "1 day"), Line(sameCase.Cases[0], "Adjusted", "2 days"), Line(sameCase.Cases[1], "Approved", "3 days"),
            Line(large.Cases[0], "Approved", "5 days", 1000m),
            Line(under.Cases[0], "Approved", "5 days", 500m), Line(under.Cases[1], "Adjusted", "6 days", 499.99m), Line(under.Cases[1], "Approved", "95 days", 900m),
            Line(proposedOnly.Cases[0], "Proposed", "1 day"), Line(proposedOnly.Cases[1], "Declined", "1 day"), Line(proposedOnly.Cases[2], "Fulfilled", "1 day"),
            Line(clearedThenMore.Cases[0], "Approved", "20 days"), Line(clearedThenMore.Cases[1], "Approved", "9 days"), Line(clearedThenMore.Cases[2], "Approved", "5 days"), Line(clearedThenMore.Cases[3], "Approved", "1 day"),
            Line(clearedQuiet.Cases[0], "Approved", "30 days"), Line(clearedQuiet.Cases[1], "Approved", "20 days"), Line(clearedQuiet.Cases[2], "Approved", "11 days"), Line(clearedQuiet.Cases[3], "Approved", "2 days"),
            Line(clearedLongAgo.Cases[0], "Approved", "50 days"), Line(clearedLongAgo.Cases[1], "Approved", "40 days"), Line(clearedLongAgo.Cases[2], "Approved", "30 days"),
        };
        await SqlAsync("INSERT INTO compensation_ledger (id, case_id, customer_id, atonement_id, kind, gesture, amount, currency, staff_id, staff_name, actor_id, actor_name, at) VALUES "
            + string.Join(", ", lines));

        await using var scope = Fixture.Services.CreateAsyncScope();
        var compensation = scope.ServiceProvider.GetRequiredService<CompensationContext>();
        var flagged = await compensation.FlaggedCustomersAsync(among: null, CancellationToken.None);
        var amongTwo = await compensation.FlaggedCustomersAsync([inWindow.Customer, old.Customer], CancellationToken.None);

        Assert.Equal(new[] { inWindow.Customer, sameCase.Customer, large.Customer, clearedThenMore.Customer, clearedLongAgo.Customer }.Order(), flagged.Order());
        Assert.Equal([inWindow.Customer], amongTwo);
        Assert.Empty(await compensation.FlaggedCustomersAsync([old.Customer, under.Customer], CancellationToken.None));
        Assert.Equal([clearedThenMore.Customer], await compensation.FlaggedCustomersAsync([clearedThenMore.Customer, clearedQuiet.Customer], CancellationToken.None));
        foreach (var customer in new[] { inWindow.Customer, old.Customer, sameCase.Customer, proposedOnly.Customer, large.Customer, under.Customer, clearedThenMore.Customer, clearedQuiet.Customer, clearedLongAgo.Customer })
        {
            Assert.Equal((await compensation.FlagAsync(customer, CancellationToken.None)).IsFlagged, flagged.Contains(customer));
        }
    }
}
