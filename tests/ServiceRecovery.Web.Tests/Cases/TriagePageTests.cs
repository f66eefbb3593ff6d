using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>
/// "Change category or severity" (<c>/cases/{reference}/triage</c>) through the real pages: the link on the case page,
/// the form, what is saved (category, severity, SLA deadlines, timeline), and what is refused.
/// </summary>
public sealed class TriagePageTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    [Fact]
    public async Task The_owner_changes_category_and_severity_and_the_case_page_shows_it_with_new_deadlines()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged); // Room and facilities, Major
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var casePage = await browser.GetPageAsync($"/cases/{reference}");
        var link = casePage.QuerySelector("[data-testid=triage-link]");
        Assert.Equal("Change category or severity", link?.TextContent.Trim());
        Assert.Equal($"/cases/{reference}/triage", link?.GetAttribute("href"));

        var form = await browser.GetPageAsync($"/cases/{reference}/triage");
        Assert.Equal(CaseDriver.Category, Selected(form, "Data.Category"));
        Assert.Equal("Major", Selected(form, "Data.Severity"));
        Assert.Equal(
            "3 · Major — first response within 4 hours, resolution within 3 days",
            form.QuerySelector("select[name='Data.Severity'] option[value=Major]")?.TextContent);
        Assert.Equal(
            ["Minor", "Moderate", "Major", "Critical"],
            form.QuerySelectorAll("select[name='Data.Severity'] option").Select(o => o.GetAttribute("value")));
        var before = await _cases.SnapshotAsync(reference);

        var response = await browser.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["Data.Category"] = "Food and drink",
            ["Data.Severity"] = "Critical",
            ["Data.Reason"] = "Allergic reaction at breakfast",
        }, "main form", $"/cases/{reference}/triage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{reference}", response.Headers.Location?.OriginalString);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal("Food and drink", saved.Category);
        Assert.Equal(Severity.Critical, saved.Severity);
        Assert.Equal(before.Stage, saved.Stage);
        Assert.Equal(before.OwnerId, saved.OwnerId);

        // The deadlines are where the SLA clock puts a Critical case opened at the same instant.
        var policy = await PolicyAsync();
        var clock = new SlaClock(policy.Calendar, saved.OpenedAt);
        Assert.Equal(clock.WhenElapsedReaches(policy.Critical.FirstResponse), saved.SlaDueAt);
        Assert.Equal(clock.WhenElapsedReaches(TimeSpan.FromTicks((long)(policy.Critical.FirstResponse.Ticks * policy.AtRiskFraction))), saved.SlaAtRiskAt);

        var entry = (await _cases.TimelineAsync(reference))[^1];
        Assert.Equal(TimelineKinds.Recategorized, entry.Kind);
        Assert.Equal("Category changed from Room and facilities to Food and drink; severity Major → Critical", entry.Summary);
        Assert.Equal("Allergic reaction at breakfast", entry.Note);
        Assert.Equal(CaseDriver.FrontlineName, entry.ActorName);
        Assert.Equal(before.TimelineEntries + 1, (await _cases.SnapshotAsync(reference)).TimelineEntries);

        var after = await browser.GetPageAsync($"/cases/{reference}");
        Assert.Equal(
            "Category and severity saved: Food and drink, 4 · Critical. The SLA deadlines follow the severity.",
            after.QuerySelector("[data-testid=flash]")?.TextContent.Trim());
        Assert.Equal("4 · Critical", after.QuerySelector("[data-testid=case-severity]")?.TextContent.Trim());
        Assert.Contains("Food and drink", after.QuerySelector("[data-testid=case-customer]")?.ParentElement?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Category changed from Room and facilities to Food and drink; severity Major → Critical", after.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Allergic reaction at breakfast", after.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Spa and wellness")] // not a category at all
    [InlineData("Noise")] // a category an admin retired
    public async Task A_category_that_is_not_offered_is_refused_next_to_its_field_and_nothing_changes(string category)
    {
        await Fixture.ExecuteSqlAsync("UPDATE case_categories SET is_active = false WHERE name = 'Noise'");
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var form = await browser.GetPageAsync($"/cases/{reference}/triage");
        Assert.Null(form.QuerySelector("select[name='Data.Category'] option[value='Noise']")); // only active ones are offered

        var response = await browser.SubmitFormAsync(
            $"/cases/{reference}/triage", new Dictionary<string, string> { ["Data.Category"] = category, ["Data.Severity"] = "Minor" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Choose a category from the list.", page.GetElementById("category-error")?.TextContent);
        Assert.Equal("Minor", Selected(page, "Data.Severity")); // what was chosen is kept
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(CaseDriver.Category, saved.Category);
        Assert.Equal(Severity.Major, saved.Severity);
    }

    [Fact]
    public async Task A_case_whose_category_was_retired_keeps_it_while_only_the_severity_changes()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        await Fixture.ExecuteSqlAsync($"UPDATE case_categories SET is_active = false WHERE name = '{CaseDriver.Category}'");
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var form = await browser.GetPageAsync($"/cases/{reference}/triage");
        Assert.Equal(CaseDriver.Category, Selected(form, "Data.Category"));
        Assert.Equal($"{CaseDriver.Category} (no longer in the list)", form.QuerySelector("select[name='Data.Category'] option:checked")?.TextContent);

        var response = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Severity"] = "Minor" }, "main form", $"/cases/{reference}/triage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(CaseDriver.Category, saved.Category);
        Assert.Equal(Severity.Minor, saved.Severity);
        Assert.Equal("Severity changed from Major to Minor", (await _cases.TimelineAsync(reference))[^1].Summary);
    }

    [Fact]
    public async Task Saving_without_a_change_says_so_and_writes_nothing()
    {
        var reference = await _cases.LogAtAsync(Stage.Listened);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await browser.SubmitFormAsync($"/cases/{reference}/triage", new Dictionary<string, string> { ["Data.Reason"] = "Just checking" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal(
            "Nothing changed: the case is already Room and facilities, severity Major. Choose another category or severity, or cancel.",
            page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Theory]
    [InlineData(Stage.Closed, "This case is closed; nothing more can be done on it.")]
    [InlineData(Stage.Withdrawn, "This case was withdrawn; nothing more can be done on it.")]
    public async Task A_finished_case_offers_no_link_and_no_form_and_a_forced_post_changes_nothing(Stage stage, string why)
    {
        var reference = await _cases.LogAtAsync(stage);
        using var browser = await Fixture.SignInAsync(CaseDriver.Supervisor);
        Assert.Null((await browser.GetPageAsync($"/cases/{reference}")).QuerySelector("[data-testid=triage-link]"));

        var page = await browser.GetPageAsync($"/cases/{reference}/triage");
        Assert.Equal(why, page.QuerySelector("[data-testid=not-available]")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form"));

        var before = await _cases.SnapshotAsync(reference);
        var response = await browser.PostAsync($"/cases/{reference}/triage", await FormValuesAsync(browser, before, "Food and drink", "Critical"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(why, (await TestBrowser.ReadAsync(response)).QuerySelector("[data-testid=not-available]")?.TextContent.Trim());
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
        Assert.Equal(Severity.Major, (await _cases.CaseAsync(reference)).Severity);
    }

    [Fact]
    public async Task Frontline_who_does_not_own_the_case_gets_403_for_the_page_and_the_post()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized, owner: CaseDriver.Supervisor);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var forbidden = await browser.GetPageAsync($"/cases/{reference}/triage", HttpStatusCode.Forbidden);
        Assert.DoesNotContain(reference, forbidden.Body?.TextContent, StringComparison.Ordinal);

        var response = await browser.PostAsync($"/cases/{reference}/triage", await FormValuesAsync(browser, before, "Food and drink", "Critical"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
        Assert.Equal(Severity.Major, (await _cases.CaseAsync(reference)).Severity);
    }

    [Fact]
    public async Task An_unassigned_web_complaint_is_triaged_by_frontline_and_stays_unassigned()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged, owner: null);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        Assert.NotNull((await browser.GetPageAsync($"/cases/{reference}")).QuerySelector("[data-testid=triage-link]"));

        var response = await browser.SubmitFormAsync($"/cases/{reference}/triage", new Dictionary<string, string> { ["Data.Category"] = "Noise" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal("Noise", saved.Category);
        Assert.Null(saved.OwnerId);
    }

    [Fact]
    public async Task A_form_loaded_before_someone_else_triaged_the_case_shows_what_changed_and_keeps_the_choice()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var form = await browser.GetPageAsync($"/cases/{reference}/triage");
        await _cases.SendStepAsync(reference, new Triage.Command { Category = "Noise", Severity = Severity.Major }, CaseDriver.Supervisor);
        var afterOther = await _cases.SnapshotAsync(reference);

        var response = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Severity"] = "Minor" }, "main form", $"/cases/{reference}/triage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.StartsWith("This case changed while you were working", page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Category changed from Room and facilities to Noise", page.QuerySelector("[data-testid=case-changed]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Minor", Selected(page, "Data.Severity"));
        Assert.Equal(afterOther, await _cases.SnapshotAsync(reference));
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(("Noise", Severity.Major), (saved.Category, saved.Severity));
    }

    [Fact]
    public async Task Submitting_the_same_triage_form_twice_records_it_once()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var url = $"/cases/{reference}/triage";
        var form = await browser.GetPageAsync(url);
        var fields = new Dictionary<string, string> { ["Data.Severity"] = "Critical" };

        var first = await browser.SubmitFormAsync(form, fields, "main form", url);
        var second = await browser.SubmitFormAsync(form, fields, "main form", url);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Single(await _cases.TimelineAsync(reference), t => t.Kind == TimelineKinds.Recategorized);
        Assert.Equal(
            "That was already recorded — nothing was added twice.",
            (await browser.GetPageAsync($"/cases/{reference}")).QuerySelector("[data-testid=flash]")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_stale_row_version_is_refused_even_when_the_timeline_position_matches()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        var command = await _cases.PrepareAsync(reference, new Triage.Command { Category = "Noise", Severity = Severity.Critical });
        command.Version++; // as if the row had changed without a timeline entry (e.g. an SLA policy save)

        await Assert.ThrowsAsync<Web.Infrastructure.Errors.ConcurrencyConflictException>(() => Fixture.SendAsync(command, CaseDriver.Frontline));

        var saved = await _cases.CaseAsync(reference);
        Assert.Equal((CaseDriver.Category, Severity.Major), (saved.Category, saved.Severity));
    }

    private async Task<SlaPolicy> PolicyAsync()
    {
        using var scope = Fixture.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SlaPolicies>().GetAsync();
    }

    /// <summary>A forged post with a valid token for this person (taken from a page they may open) and the case's position.</summary>
    private static async Task<List<KeyValuePair<string, string>>> FormValuesAsync(TestBrowser browser, CaseSnapshot at, string category, string severity)
    {
        var token = (await browser.GetPageAsync("/cases/new")).QuerySelector("#log-form [name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return
        [
            new("__RequestVerificationToken", token), new("Data.Category", category), new("Data.Severity", severity),
            new("Data.Version", at.Version.ToString(CultureInfo.InvariantCulture)),
            new("Data.SeenSequence", at.LastTimelineSequence.ToString(CultureInfo.InvariantCulture)), new("Data.RequestId", Guid.CreateVersion7().ToString()),
        ];
    }

    private static string? Selected(IHtmlDocument page, string name) =>
        page.QuerySelector($"select[name='{name}'] option:checked")?.GetAttribute("value");
}
