using System.Net;
using ServiceRecovery.Domain.Cases;
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
