using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>"The customer came back": the return page on a closed case and what the case page shows of it.</summary>
public sealed class ReturnPageTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    [Fact]
    public async Task The_owner_records_the_return_and_the_case_page_shows_it_with_a_confirmation()
    {
        var reference = await _cases.LogAtAsync(Stage.Closed);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var casePage = await browser.GetPageAsync($"/cases/{reference}");
        var link = casePage.QuerySelector("[data-testid=record-return]");
        Assert.Equal("Record that the customer came back", link?.TextContent.Trim());
        Assert.Equal($"/cases/{reference}/return", link?.GetAttribute("href"));
        Assert.Null(casePage.QuerySelector("[data-testid=customer-returned]"));

        var form = await browser.GetPageAsync($"/cases/{reference}/return");
        Assert.Equal(Day(_cases.Today), form.QuerySelector("input[name='Data.ReturnedOn']")?.GetAttribute("value")); // today by default
        Assert.Equal(Day(_cases.Today), form.QuerySelector("input[name='Data.ReturnedOn']")?.GetAttribute("max"));
        Assert.Equal("What they spent (EUR) (optional)", form.QuerySelector("label[for=Data_Value]")?.TextContent.Trim());
        var before = await _cases.SnapshotAsync(reference);

        var response = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Value"] = "240.00" }, "main form", $"/cases/{reference}/return");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{reference}", response.Headers.Location?.OriginalString);
        var saved = await _cases.CaseAsync(reference);
        Assert.Equal(_cases.Today, saved.ReturnedOn);
        Assert.Equal(240m, saved.ReturnValue);
        Assert.Equal("EUR", saved.ReturnCurrency);
        Assert.Equal(Stage.Closed, saved.Stage);
        var entry = (await _cases.TimelineAsync(reference))[^1];
        Assert.Equal(TimelineKinds.CustomerReturned, entry.Kind);
        Assert.Equal(CaseDriver.FrontlineName, entry.ActorName);
        Assert.Equal(before.TimelineEntries + 1, (await _cases.SnapshotAsync(reference)).TimelineEntries);

        var after = await browser.GetPageAsync($"/cases/{reference}");
        var shown = DateText(_cases.Today);
        Assert.Equal($"Recorded: the customer came back on {shown}.", after.QuerySelector("[data-testid=flash]")?.TextContent.Trim());
        Assert.Equal($"Came back on {shown} · spent 240.00 EUR", after.QuerySelector("[data-testid=customer-returned]")?.TextContent.Trim());
        Assert.Equal("Correct the return", after.QuerySelector("[data-testid=record-return]")?.TextContent.Trim());
        Assert.Contains($"Customer came back on {InvariantDate(_cases.Today)}, spent 240.00 EUR", after.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correcting_the_return_keeps_both_entries_and_the_form_starts_from_the_recorded_one()
    {
        var reference = await _cases.LogAtAsync(Stage.ClosedWithoutRecovery);
        await _cases.SendStepAsync(reference, new Return.Command { ReturnedOn = _cases.Today, Value = 90m });
        using var browser = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var form = await browser.GetPageAsync($"/cases/{reference}/return");
        Assert.Equal("90", form.QuerySelector("input[name='Data.Value']")?.GetAttribute("value"));

        var response = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Value"] = "" }, "main form", $"/cases/{reference}/return");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _cases.CaseAsync(reference);
        Assert.Null(saved.ReturnValue);
        var entries = (await _cases.TimelineAsync(reference)).Where(t => t.Kind == TimelineKinds.CustomerReturned).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal([CaseDriver.FrontlineName, CaseDriver.SupervisorName], entries.Select(e => e.ActorName));
        Assert.EndsWith("(corrected)", entries[1].Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "returnedon-error", "Enter the day the customer came back.")]
    [InlineData("-5", "value-error", "What they spent must be between 0 and 1,000,000 (or leave it empty).")]
    [InlineData("1000000.01", "value-error", "What they spent must be between 0 and 1,000,000 (or leave it empty).")]
    [InlineData("12.345", "value-error", "Use at most two decimals.")]
    [InlineData("lots", "value-error", "Enter a valid value for what they spent.")]
    [InlineData("9999-99-99", "returnedon-error", "Enter a valid value for the day they came back.")]
    public async Task A_missing_date_or_a_bad_value_is_named_next_to_its_field_and_nothing_is_recorded(string value, string errorId, string message)
    {
        var reference = await _cases.LogAtAsync(Stage.Closed);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var fields = errorId == "value-error"
            ? new Dictionary<string, string> { ["Data.Value"] = value }
            : new Dictionary<string, string> { ["Data.ReturnedOn"] = value };

        var response = await browser.SubmitFormAsync($"/cases/{reference}/return", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal(message, page.GetElementById(errorId)?.TextContent);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
        Assert.Null((await _cases.CaseAsync(reference)).ReturnedOn);
    }

    [Theory]
    [InlineData(-1, "The case closed on {close}: the customer came back on that day or later, not on {day}.")]
    [InlineData(1, "{day} is in the future: record a return once the customer has come back (today or earlier).")]
    public async Task A_day_before_the_close_or_after_today_is_refused_on_the_page(int offset, string message)
    {
        var reference = await _cases.LogAtAsync(Stage.Closed); // closed today
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var day = _cases.Today.AddDays(offset);

        var response = await browser.SubmitFormAsync($"/cases/{reference}/return", new Dictionary<string, string> { ["Data.ReturnedOn"] = Day(day) });

        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = message.Replace("{close}", InvariantDate(_cases.Today), StringComparison.Ordinal).Replace("{day}", InvariantDate(day), StringComparison.Ordinal);
        Assert.Equal(expected, page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Equal(Day(day), page.QuerySelector("input[name='Data.ReturnedOn']")?.GetAttribute("value")); // what was typed is kept
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Theory]
    [InlineData(Stage.FollowUpDue, "The case is still open: record that the customer came back once the case is closed.")]
    [InlineData(Stage.Withdrawn, "This case was withdrawn (a duplicate or logged in error): there is no recovery to come back from.")]
    public async Task An_open_or_withdrawn_case_offers_no_form_and_a_forced_post_records_nothing(Stage stage, string why)
    {
        var reference = await _cases.LogAtAsync(stage);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference}/return");
        Assert.Equal(why, page.QuerySelector("[data-testid=not-available]")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form"));
        Assert.Null((await browser.GetPageAsync($"/cases/{reference}")).QuerySelector("[data-testid=record-return]"));

        // Posting anyway (a form kept from elsewhere): the domain refuses, nothing is written.
        var before = await _cases.SnapshotAsync(reference);
        var token = Value((await browser.GetPageAsync("/cases/new")).QuerySelector("#log-form")!, "__RequestVerificationToken")!;
        var response = await browser.PostAsync($"/cases/{reference}/return",
        [
            new("__RequestVerificationToken", token), new("Data.ReturnedOn", Day(_cases.Today)),
            new("Data.Version", before.Version.ToString(CultureInfo.InvariantCulture)),
            new("Data.SeenSequence", before.LastTimelineSequence.ToString(CultureInfo.InvariantCulture)), new("Data.RequestId", Guid.CreateVersion7().ToString()),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(why, (await TestBrowser.ReadAsync(response)).QuerySelector("[data-testid=not-available]")?.TextContent.Trim());
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
        Assert.Null((await _cases.CaseAsync(reference)).ReturnedOn);
    }

    [Fact]
    public async Task Frontline_who_does_not_own_the_closed_case_gets_403_for_the_page_and_the_post()
    {
        var reference = await _cases.LogAtAsync(Stage.Closed, owner: CaseDriver.Supervisor);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var forbidden = await browser.GetPageAsync($"/cases/{reference}/return", HttpStatusCode.Forbidden);
        Assert.DoesNotContain(reference, forbidden.Body?.TextContent, StringComparison.Ordinal);

        var token = Value((await browser.GetPageAsync("/cases/new")).QuerySelector("#log-form")!, "__RequestVerificationToken")!;
        var response = await browser.PostAsync($"/cases/{reference}/return",
        [
            new("__RequestVerificationToken", token), new("Data.ReturnedOn", Day(_cases.Today)), new("Data.Value", "10"),
            new("Data.Version", before.Version.ToString(CultureInfo.InvariantCulture)),
            new("Data.SeenSequence", before.LastTimelineSequence.ToString(CultureInfo.InvariantCulture)), new("Data.RequestId", Guid.CreateVersion7().ToString()),
        ]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
        Assert.Null((await _cases.CaseAsync(reference)).ReturnedOn);
        // The supervisor who owns it may.
        using var sam = await Fixture.SignInAsync(CaseDriver.Supervisor);
        Assert.Equal(HttpStatusCode.Redirect, (await sam.SubmitFormAsync($"/cases/{reference}/return", new Dictionary<string, string>())).StatusCode);
    }

    [Fact]
    public async Task An_unknown_case_is_not_found()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Supervisor);
        await browser.GetPageAsync("/cases/SR-2000-999999/return", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_form_loaded_before_someone_else_recorded_the_return_shows_what_changed_and_keeps_what_was_typed()
    {
        var reference = await _cases.LogAtAsync(Stage.Closed);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var form = await browser.GetPageAsync($"/cases/{reference}/return");
        await _cases.SendStepAsync(reference, new Return.Command { ReturnedOn = _cases.Today, Value = 50m }, CaseDriver.Supervisor);
        var afterOther = await _cases.SnapshotAsync(reference);

        var response = await browser.SubmitFormAsync(form, new Dictionary<string, string> { ["Data.Value"] = "75.00" }, "main form", $"/cases/{reference}/return");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.StartsWith("This case changed while you were working", page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Customer came back on", page.QuerySelector("[data-testid=case-changed]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("75", page.QuerySelector("input[name='Data.Value']")?.GetAttribute("value"));
        Assert.Equal(afterOther, await _cases.SnapshotAsync(reference));
        Assert.Equal(50m, (await _cases.CaseAsync(reference)).ReturnValue);
    }

    [Fact]
    public async Task A_stale_row_version_is_refused_even_when_the_timeline_position_matches()
    {
        var reference = await _cases.LogAtAsync(Stage.Closed);
        var command = await _cases.PrepareAsync(reference, new Return.Command { ReturnedOn = _cases.Today });
        command.Version++; // as if the row had changed without a timeline entry

        await Assert.ThrowsAsync<Web.Infrastructure.Errors.ConcurrencyConflictException>(() => Fixture.SendAsync(command, CaseDriver.Frontline));

        Assert.Null((await _cases.CaseAsync(reference)).ReturnedOn);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string InvariantDate(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>How the case page shows a date (the organisation's display culture, en-GB by default).</summary>
    private static string DateText(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static string? Value(AngleSharp.Dom.IElement form, string name) =>
        form.QuerySelector($"[name='{name}']")?.GetAttribute("value");
}
