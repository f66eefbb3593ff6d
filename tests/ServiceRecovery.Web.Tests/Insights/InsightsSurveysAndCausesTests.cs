using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;
using ServiceRecovery.Web.Tests.Queue;

namespace ServiceRecovery.Web.Tests.Insights;

/// <summary>
/// The dashboard's survey figures, root-cause filter and table, maturity inputs and recognition, and the staff home
/// page's "Customers who thanked your recovery", on cases played through the pages.
/// </summary>
public sealed class InsightsSurveysAndCausesTests(WebFixture fixture) : WebTest(fixture)
{
    private static string Value(AngleSharp.Html.Dom.IHtmlDocument page, string key) =>
        page.QuerySelector($"[data-testid=value-{key}]")?.TextContent.Trim() ?? throw new InvalidOperationException($"no figure {key}");

    private Task AnswerAsync(string reference, int? csat, int? npsAfter, int? npsBefore = null) => Fixture.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
        "UPDATE recovery_cases SET csat = {0}, nps_after = {1}, nps_before = {2}, survey_answered_at = now() WHERE reference = {3}", csat!, npsAfter!, npsBefore!, reference));

    [Fact]
    public async Task Survey_figures_say_no_answers_yet_then_show_csat_nps_and_the_thanked_recoveries_on_the_dashboard_and_the_owners_home()
    {
        var driver = new CaseDriver(Fixture);
        var thanked = await driver.LogAtAsync(Stage.Closed);
        var unsatisfied = await driver.LogAtAsync(Stage.ClosedWithoutRecovery);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);

        var before = await supervisor.GetPageAsync("/insights?days=7");
        Assert.Equal("no answers yet", Value(before, "csat"));
        Assert.Equal("no answers yet", Value(before, "nps"));
        Assert.NotNull(before.QuerySelector("[data-testid=no-survey-answers]"));
        Assert.NotNull(before.QuerySelector("[data-testid=no-thanks]"));
        var homeBefore = await fran.GetPageAsync("/");
        Assert.Null(homeBefore.QuerySelector("[data-testid=thanked-count]"));

        await AnswerAsync(thanked, 5, 10, 4);
        await AnswerAsync(unsatisfied, 2, 5, 8); // not recovered: no thanks, a detractor

        var page = await supervisor.GetPageAsync("/insights?days=30");
        Assert.Equal("3.5 / 5", Value(page, "csat")); // (5 + 2) ÷ 2
        Assert.Equal("0", Value(page, "nps")); // one promoter, one detractor of two
        Assert.Equal("−50", Value(page, "nps_before")); // before 4 and 8: one detractor, one passive → (0 − 1) ÷ 2 × 100
        Assert.Equal("0", Value(page, "nps_after")); // the same two after: 10 and 5 → (1 − 1) ÷ 2 × 100
        var rows = page.QuerySelectorAll("[data-testid=csat-distribution] tbody tr");
        Assert.Equal(5, rows.Length);
        Assert.Equal("1", rows[4].QuerySelector("td")!.TextContent.Trim()); // score 5
        Assert.Equal("1", rows[1].QuerySelector("td")!.TextContent.Trim()); // score 2
        var csatQueue = await supervisor.GetPageAsync(page.QuerySelector("[data-testid=link-csat]")!.GetAttribute("href")!);
        Assert.Equal(new[] { thanked, unsatisfied }.Order(), QueuePage.References(csatQueue).Order());
        var bothQueue = await supervisor.GetPageAsync(page.QuerySelector("[data-testid=link-nps_before]")!.GetAttribute("href")!);
        Assert.Equal(new[] { thanked, unsatisfied }.Order(), QueuePage.References(bothQueue).Order());

        var thanks = page.QuerySelector("[data-testid=thanked]") ?? throw new InvalidOperationException("no thanked table");
        Assert.Contains(CaseDriver.FrontlineName, thanks.TextContent, StringComparison.Ordinal);
        var link = thanks.QuerySelector("a")!;
        Assert.Equal("1", link.TextContent.Trim());
        Assert.Equal([thanked], QueuePage.References(await supervisor.GetPageAsync(link.GetAttribute("href")!)));

        var home = await fran.GetPageAsync("/");
        Assert.Equal("1", home.QuerySelector("[data-testid=thanked-count]")!.TextContent.Trim());
        Assert.NotNull(home.QuerySelector($"[data-testid=thanked] [data-reference='{thanked}']"));
        Assert.Null(home.QuerySelector($"[data-testid=thanked] [data-reference='{unsatisfied}']"));
        using var sam = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var samsHome = await sam.GetPageAsync("/");
        Assert.Null(samsHome.QuerySelector("[data-testid=thanked-count]")); // not Sam's recovery
    }

    [Fact]
    public async Task The_root_cause_filter_narrows_the_figures_and_the_maturity_stage_measures_surveys_and_root_causes()
    {
        var driver = new CaseDriver(Fixture);
        var closed = await driver.LogAtAsync(Stage.Closed);
        var cause = await Fixture.QueryAsync(db => db.Cases.Where(c => c.Reference == closed).Select(c => c.RootCauseId).SingleAsync());
        Assert.NotNull(cause);
        await driver.LogAtAsync(Stage.Fixed);
        using var supervisor = await Fixture.SignInAsync(CaseDriver.Supervisor);

        var all = await supervisor.GetPageAsync("/insights?days=7");
        Assert.Equal("2", Value(all, "opened"));
        Assert.NotNull(all.QuerySelector($"#f-cause optgroup option[value='{cause}']"));
        var causeRow = all.QuerySelector($"[data-testid=cause-money] tr[data-cause='{cause}']") ?? throw new InvalidOperationException("no row for the cause");
        var filtered = await supervisor.GetPageAsync(causeRow.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal("1", Value(filtered, "closed"));
        var queue = await supervisor.GetPageAsync(filtered.QuerySelector("[data-testid=link-closed]")!.GetAttribute("href")!);
        Assert.Equal([closed], QueuePage.References(queue));

        var maturity = all.QuerySelector("[data-testid=maturity]")!.TextContent;
        Assert.DoesNotContain("not measured yet", maturity, StringComparison.Ordinal);
        Assert.Contains("of closed cases were sent a survey", maturity, StringComparison.Ordinal);
    }
}
