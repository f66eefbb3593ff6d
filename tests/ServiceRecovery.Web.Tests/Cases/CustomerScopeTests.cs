using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>The customer page shows frontline staff only the cases they may act on, and says how many others exist.</summary>
public sealed class CustomerScopeTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task Frontline_staff_see_their_own_and_unassigned_cases_and_only_a_count_of_the_others()
    {
        var driver = new CaseDriver(Fixture);
        var mine = await driver.LogAsync(CaseDriver.Frontline, CaseDriver.Complaint("Cora Count", "cora@example.com"));
        var customerId = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == mine).Select(c => c.CustomerId).SingleAsync());
        New.Command Again(bool assign) => new()
        {
            CustomerId = customerId, Channel = Channel.Email, Category = CaseDriver.Category, Severity = Severity.Minor,
            WhatHappened = "Again.", AssignToMe = assign, RequestId = Guid.NewGuid(),
        };
        var supervisors = await Fixture.SendAsync(Again(assign: true), CaseDriver.Supervisor);
        var managers = await Fixture.SendAsync(Again(assign: true), CaseDriver.Manager);
        var unassigned = await Fixture.SendAsync(Again(assign: false), CaseDriver.Supervisor);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);
        using var sam = await Fixture.SignInAsync(CaseDriver.Supervisor);

        var franPage = await fran.GetPageAsync($"/customers/{customerId}");
        var samPage = await sam.GetPageAsync($"/customers/{customerId}");

        Assert.Equal(new[] { mine, unassigned }.Order(), franPage.QuerySelectorAll("[data-testid=customer-cases] tbody a").Select(a => a.TextContent).Order());
        Assert.Equal("2 other cases of this customer are handled by colleagues; a supervisor can tell you more.", franPage.QuerySelector("[data-testid=other-cases]")?.TextContent);
        // Nothing about the others is in the page: not their reference, not their owner.
        Assert.DoesNotContain(supervisors, franPage.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(managers, franPage.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Maya Manager", franPage.Source.Text, StringComparison.Ordinal);

        Assert.Equal(4, samPage.QuerySelectorAll("[data-testid=customer-cases] tbody tr").Length);
        Assert.Null(samPage.QuerySelector("[data-testid=other-cases]"));
    }

    [Fact]
    public async Task A_frontline_user_with_none_of_the_customers_cases_is_told_so()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAsync(CaseDriver.Supervisor, CaseDriver.Complaint("Olga Other", "olga@example.com"));
        var customerId = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == reference).Select(c => c.CustomerId).SingleAsync());
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await fran.GetPageAsync($"/customers/{customerId}");

        Assert.Equal("1 other case of this customer is handled by colleagues; a supervisor can tell you more.", page.QuerySelector("[data-testid=other-cases]")?.TextContent);
        Assert.Contains("None of this customer's cases is yours or unassigned.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, page.Source.Text, StringComparison.Ordinal);
    }
}
