using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Insights;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;
using ServiceRecovery.Web.Tests.Queue;

namespace ServiceRecovery.Web.Tests.Insights;

public sealed class InsightsPageTests(WebFixture fixture) : WebTest(fixture)
{
    private static string Value(AngleSharp.Html.Dom.IHtmlDocument page, string key) =>
        page.QuerySelector($"[data-testid=value-{key}]")?.TextContent.Trim() ?? throw new InvalidOperationException($"no figure {key}");

    [Fact]
    public async Task The_figures_count_todays_cases_live_and_each_link_shows_exactly_the_cases_counted()
    {
        var driver = new CaseDriver(Fixture);
        var recovered = await driver.LogAtAsync(Stage.Closed);
        var unsatisfied = await driver.LogAtAsync(Stage.ClosedWithoutRecovery);
        var withdrawn = await driver.LogAtAsync(Stage.Withdrawn);
        var open = await driver.LogAtAsync(Stage.Fixed, owner: null);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);

        var page = await supervisor.GetPageAsync("/insights");

        Assert.Equal("4", Value(page, "opened"));
        Assert.Equal("3", Value(page, "closed"));
        Assert.Equal("33%", Value(page, "recovered").Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("75%", Value(page, "owner_coverage").Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("100%", Value(page, "first_response_sla").Replace(" ", "", StringComparison.Ordinal)); // answered at once
        Assert.Equal("≤ 5 min", Value(page, "first_response_median"));
        var expected = new Dictionary<string, string[]>
        {
            ["opened"] = [recovered, unsatisfied, withdrawn, open],
            ["closed"] = [recovered, unsatisfied, withdrawn],
            ["recovered"] = [recovered],
            ["unsatisfied"] = [unsatisfied],
            ["withdrawn"] = [withdrawn],
            ["first_response_sla"] = [recovered, unsatisfied],
            ["owner_coverage"] = [recovered, unsatisfied, withdrawn],
        };
        foreach (var (key, references) in expected)
        {
            var href = page.QuerySelector($"[data-testid=link-{key}]")?.GetAttribute("href") ?? throw new InvalidOperationException($"no link for {key}");
            var queue = await supervisor.GetPageAsync(href);
            Assert.Equal(references.Order(), QueuePage.References(queue).Order());
        }

        Assert.NotNull(page.QuerySelector("[data-testid=stage]"));
        Assert.Contains("Reactive", page.QuerySelector("[data-testid=stage]")!.TextContent, StringComparison.Ordinal); // 75 % owned < 95 %
    }

    [Fact]
    public async Task Retention_counts_recoveries_closed_90_days_ago_whose_customer_came_back_and_its_link_shows_exactly_those()
    {
        var past = new PastRecoveries(Fixture);
        var (ann, ben, cal, dee) = (await past.CustomerAsync("Ann Return"), await past.CustomerAsync("Ben Stay"), await past.CustomerAsync("Cal Book"), await past.CustomerAsync("Dee Late"));
        var closed = past.Now.AddDays(-100);
        var returned = await past.RecoveredAsync(ann, closed, returnedOn: past.Day(closed).AddDays(30)); // came back (recorded)
        await past.RecoveredAsync(ben, closed); // never came back
        var booked = await past.RecoveredAsync(cal, closed);
        await past.PurchaseAsync(cal, closed.AddDays(20)); // booked again 20 days after
        await past.RecoveredAsync(dee, closed, returnedOn: past.Day(closed).AddDays(95)); // came back, but after 90 days
        await past.RecoveredAsync(ann, past.Now.AddDays(-20)); // recent: too early to count
        await using (var scope = Fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<KpiRollup>().RefreshChangedAsync();
        }

        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var today = past.Day(past.Now);

        var page = await supervisor.GetPageAsync(FormattableString.Invariant($"/insights?from={today.AddDays(-180):yyyy-MM-dd}&to={today:yyyy-MM-dd}"));

        Assert.Equal("50%", Value(page, "retention").Replace(" ", "", StringComparison.Ordinal)); // 2 of the 4 old enough
        var href = page.QuerySelector("[data-testid=link-retention]")?.GetAttribute("href") ?? throw new InvalidOperationException("no link for retention");
        var queue = await supervisor.GetPageAsync(href);
        Assert.Equal(new[] { returned, booked }.Order(), QueuePage.References(queue).Order());
        // A period of the last 30 days has no recovery old enough: it says so rather than showing 0 %.
        var recent = await supervisor.GetPageAsync("/insights?days=30");
        Assert.Equal("—", Value(recent, "retention"));
        Assert.Contains("Too early", recent.QuerySelector("[data-kpi=retention]")!.TextContent, StringComparison.Ordinal);
        // …and offers the latest 90 days that can be counted, where the figure is back.
        var earlier = await supervisor.GetPageAsync(recent.QuerySelector("[data-testid=retention-earlier]")!.GetAttribute("href")!);
        Assert.Equal("50%", Value(earlier, "retention").Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_narrow_the_figures_and_a_period_without_cases_says_so()
    {
        var driver = new CaseDriver(Fixture);
        await driver.LogAtAsync(Stage.Closed);
        using var manager = await Fixture.SignInAsync(CaseDriver.Manager);

        var other = await manager.GetPageAsync("/insights?severity=Critical");
        var past = await manager.GetPageAsync("/insights?from=2020-01-01&to=2020-01-31");

        Assert.NotNull(other.QuerySelector("[data-testid=insights-empty]"));
        Assert.NotNull(past.QuerySelector("[data-testid=insights-empty]"));
        Assert.Contains("1 Moribund", past.QuerySelector("[data-testid=stage]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", Value(await manager.GetPageAsync("/insights?days=7&category=" + Uri.EscapeDataString(CaseDriver.Category)), "opened"));
    }

    [Fact]
    public async Task The_csv_has_every_figure_and_frontline_staff_are_refused()
    {
        await new CaseDriver(Fixture).LogAtAsync(Stage.Closed);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);
        using var frontline = await Fixture.SignInAsync(CaseDriver.Frontline);

        var csv = await supervisor.GetAsync("/insights?handler=Export&days=30");
        var text = await csv.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("figure,opened,Cases opened,1,1,", text, StringComparison.Ordinal);
        Assert.Contains("figure,compensation_per_recovery,", text, StringComparison.Ordinal);
        Assert.Contains("maturity,stage,", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync("/insights")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await frontline.GetAsync("/insights?handler=Export")).StatusCode);
    }
}
