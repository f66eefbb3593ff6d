using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Cases;

/// <summary>The step pages and the case page, as a person's browser uses them.</summary>
public sealed class StepPageTests(WebFixture fixture) : WebTest(fixture)
{
    private readonly CaseDriver _cases = new(fixture);

    [Theory]
    [InlineData("apologize", Stage.Logged)]
    [InlineData("listen", Stage.Apologized)]
    [InlineData("fix", Stage.Listened)]
    [InlineData("atone", Stage.Fixed)]
    [InlineData("follow-up", Stage.Atoned)]
    [InlineData("follow-up/outcome", Stage.FollowUpDue)]
    [InlineData("close-unsatisfied", Stage.FollowUpDue)]
    [InlineData("withdraw", Stage.Listened)]
    public async Task The_owner_gets_the_step_form_with_its_token_and_the_cases_version(string step, Stage stage)
    {
        var reference = await _cases.LogAtAsync(stage);
        var (version, sequence) = await _cases.PositionAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference}/{step}");

        var form = page.QuerySelector("main form");
        Assert.NotNull(form);
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.False(string.IsNullOrWhiteSpace(Value(form, "__RequestVerificationToken")));
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), Value(form, "Data.Version"));
        Assert.Equal(sequence.ToString(CultureInfo.InvariantCulture), Value(form, "Data.SeenSequence"));
        Assert.NotEqual(Guid.Empty, Guid.Parse(Value(form, "Data.RequestId")!));
        Assert.Null(page.QuerySelector("[data-testid=not-available]"));
        Assert.Equal(reference, page.QuerySelector("[data-testid=case-reference]")?.TextContent);
    }

    [Fact]
    public async Task Each_load_of_a_step_form_gets_a_new_request_id()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var first = await browser.GetPageAsync($"/cases/{reference}/apologize");
        var second = await browser.GetPageAsync($"/cases/{reference}/apologize");

        Assert.NotEqual(Value(first.QuerySelector("main form")!, "Data.RequestId"), Value(second.QuerySelector("main form")!, "Data.RequestId"));
    }

    [Theory]
    [InlineData("apologize", Stage.Apologized, "This case has already been apologized for.")]
    [InlineData("listen", Stage.Logged, "Apologize first: the next step for this case is to apologize.")]
    [InlineData("atone", Stage.Listened, "A case must be fixed before a gesture can be recorded.")]
    [InlineData("follow-up", Stage.Fixed, "Record a gesture before scheduling the follow-up (an apology-only gesture with a reason is fine).")]
    [InlineData("follow-up/outcome", Stage.Atoned, "There is no follow-up due on this case yet. Follow up next: the next step for this case is to schedule a follow-up with the customer.")]
    [InlineData("withdraw", Stage.Closed, "This case is closed; nothing more can be done on it.")]
    public async Task A_step_that_is_not_open_now_says_why_instead_of_showing_a_form(string step, Stage stage, string why)
    {
        var reference = await _cases.LogAtAsync(stage);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference}/{step}");

        Assert.Equal(why, page.QuerySelector("[data-testid=not-available]")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form"));
    }

    [Theory]
    [InlineData("apologize", Stage.Logged, Stage.Apologized, "Data.Words=I'm so sorry — that should never have happened.")]
    [InlineData("listen", Stage.Apologized, Stage.Listened, "Data.CustomerFeels=Tired and let down.")]
    [InlineData("fix", Stage.Listened, Stage.Fixed, "Data.WhatWasDone=Moved to a quiet room.|Data.ResolvedAtFirstContact=true")]
    [InlineData("atone", Stage.Fixed, Stage.Atoned, "Data.Gesture=Voucher|Data.Amount=20.50|Data.Description=Spa voucher.")]
    [InlineData("atone", Stage.Fixed, Stage.Atoned, "Data.Gesture=ApologyOnly|Data.Description=They asked for nothing more.")]
    [InlineData("follow-up", Stage.Atoned, Stage.FollowUpDue, "")]
    [InlineData("follow-up/outcome?outcome=Satisfied", Stage.FollowUpDue, Stage.Closed, "")]
    [InlineData("follow-up/outcome?outcome=NotSatisfied", Stage.FollowUpDue, Stage.Listened, "Data.Note=The room is still noisy.")]
    [InlineData("follow-up/outcome?outcome=NoAnswer", Stage.FollowUpDue, Stage.FollowUpDue, "")]
    [InlineData("close-unsatisfied", Stage.FollowUpDue, Stage.ClosedWithoutRecovery, "Data.Note=Wants the whole stay refunded.")]
    [InlineData("withdraw", Stage.Logged, Stage.Withdrawn, "Data.Reason=LoggedInError|Data.Note=Meant for another hotel.")]
    public async Task Submitting_a_step_form_records_it_and_goes_back_to_the_case(string step, Stage from, Stage to, string fields)
    {
        var reference = await _cases.LogAtAsync(from);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var form = Fields(fields);
        if (step == "fix")
        {
            // The fix step also records the root cause (its own timeline entry).
            form["Data.RootCauseId"] = (await _cases.FirstCauseIdAsync()).ToString();
        }

        var response = await browser.SubmitFormAsync($"/cases/{reference}/{step}", form);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await Describe(response));
        Assert.Equal($"/cases/{reference}", response.Headers.Location?.OriginalString);
        var after = await _cases.SnapshotAsync(reference);
        Assert.Equal(to, after.Stage);
        Assert.Equal(before.TimelineEntries + (step == "fix" ? 2 : 1), after.TimelineEntries);
        var casePage = await browser.GetPageAsync($"/cases/{reference}");
        Assert.False(string.IsNullOrWhiteSpace(casePage.QuerySelector("[data-testid=flash]")?.TextContent));
        Assert.Equal(Stages.Label(to), casePage.QuerySelector("[data-testid=case-stage]")?.TextContent);
    }

    [Fact]
    public async Task The_follow_up_form_suggests_the_next_business_day_and_the_fix_form_the_customers_wish()
    {
        var reference = await _cases.LogAtAsync(Stage.Atoned);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference}/follow-up");

        var expected = BusinessDays.NextBusinessDay(_cases.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(expected, (page.QuerySelector("#Data_DueOn") as IHtmlInputElement)?.Value);
        await browser.SubmitFormAsync(page, new Dictionary<string, string>(), "main form", $"/cases/{reference}/follow-up");
        Assert.Equal(BusinessDays.NextBusinessDay(_cases.Today), (await _cases.CaseAsync(reference)).FollowUpDueOn);
    }

    [Fact]
    public async Task A_gesture_amount_is_read_exactly_from_the_form()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        await browser.SubmitFormAsync($"/cases/{reference}/atone", Fields("Data.Gesture=Credit|Data.Amount=49.99"));

        var gesture = Assert.Single((await _cases.CaseAsync(reference)).Atonements);
        Assert.Equal(GestureType.Credit, gesture.Gesture);
        Assert.Equal(49.99m, gesture.Amount);
    }

    [Fact]
    public async Task A_validation_error_is_shown_next_to_its_field_and_the_typed_text_is_kept()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var typed = "I'm sorry. " + new string('!', 3995);

        var response = await browser.SubmitFormAsync($"/cases/{reference}/apologize", new Dictionary<string, string> { ["Data.Words"] = typed });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Keep the words you used to apologize to 4,000 characters or fewer.", page.QuerySelector("#words-error")?.TextContent);
        var textarea = page.QuerySelector("textarea[name='Data.Words']");
        Assert.Equal(typed, textarea?.TextContent);
        Assert.Contains("is-invalid", textarea?.ClassName, StringComparison.Ordinal);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Fact]
    public async Task A_field_in_error_says_so_to_assistive_technology_and_typed_markup_stays_text()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var typed = "</textarea><script>alert('x')</script> " + new string('!', 4000);

        var response = await browser.SubmitFormAsync($"/cases/{reference}/apologize", new Dictionary<string, string> { ["Data.Words"] = typed });

        var page = await TestBrowser.ReadAsync(response);
        var textarea = page.QuerySelector("textarea#Data_Words");
        Assert.NotNull(textarea);
        Assert.Equal("true", textarea.GetAttribute("aria-invalid"));
        Assert.Equal(["words-help", "words-error"], textarea.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("Keep the words you used to apologize to 4,000 characters or fewer.", page.GetElementById("words-error")?.TextContent);
        Assert.Equal("The apology", page.QuerySelector("label[for=Data_Words]")?.TextContent);
        Assert.Equal(typed, textarea.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    [Fact]
    public async Task A_missing_gesture_amount_is_named_and_the_choice_and_description_are_kept()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await browser.SubmitFormAsync($"/cases/{reference}/atone", Fields("Data.Gesture=Refund|Data.Description=Refund of the minibar charge."));

        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Enter the value of the gesture.", page.QuerySelector("#amount-error")?.TextContent);
        Assert.Equal("Refund of the minibar charge.", page.QuerySelector("textarea[name='Data.Description']")?.TextContent);
        Assert.True((page.QuerySelector("#gesture-Refund") as IHtmlInputElement)?.IsChecked);
        Assert.Equal(Stage.Fixed, (await _cases.CaseAsync(reference)).Stage);
    }

    [Fact]
    public async Task A_gesture_above_the_limit_is_sent_for_approval_and_the_page_says_so()
    {
        var reference = await _cases.LogAtAsync(Stage.Fixed);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var form = await browser.GetPageAsync($"/cases/{reference}/atone");
        Assert.Equal("50.00 EUR", form.QuerySelector("[data-testid=atonement-limit]")?.TextContent);
        var response = await browser.SubmitFormAsync(form, Fields("Data.Gesture=Refund|Data.Amount=60"), "main form", $"/cases/{reference}/atone");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.GetPageAsync($"/cases/{reference}");
        Assert.StartsWith("Sent to a supervisor for approval (above the proposer's limit of 50.00 EUR).", page.QuerySelector("[data-testid=flash]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Gesture awaiting approval", page.QuerySelector("[data-testid=case-stage]")?.TextContent);
        Assert.Equal(AtonementStatus.PendingApproval, Assert.Single((await _cases.CaseAsync(reference)).Atonements).Status);
    }

    [Fact]
    public async Task A_follow_up_date_in_the_past_is_refused_on_the_page()
    {
        var reference = await _cases.LogAtAsync(Stage.Atoned);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var past = _cases.Today.AddDays(-2);

        var response = await browser.SubmitFormAsync($"/cases/{reference}/follow-up",
            new Dictionary<string, string> { ["Data.DueOn"] = past.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });

        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal($"The follow-up date {past:yyyy-MM-dd} is in the past; choose today or a later day.", page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Equal(Stage.Atoned, (await _cases.CaseAsync(reference)).Stage);
    }

    [Fact]
    public async Task Checking_the_apology_wording_coaches_and_records_nothing()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var form = await browser.GetPageAsync($"/cases/{reference}/apologize");
        var values = FormValues(form, "main form", new() { ["Data.Words"] = "I understand, and I'm sorry." });

        var response = await browser.PostAsync($"/cases/{reference}/apologize?handler=Check", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Contains("Instead of “I understand”", page.QuerySelector("[data-testid=coaching-hints]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("I understand, and I'm sorry.", page.QuerySelector("textarea[name='Data.Words']")?.TextContent);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_gets_400_and_records_nothing()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        var (version, sequence) = await _cases.PositionAsync(reference);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await browser.PostAsync($"/cases/{reference}/listen",
        [
            new("Data.CustomerFeels", "Forged."), new("Data.Version", version.ToString(CultureInfo.InvariantCulture)),
            new("Data.SeenSequence", sequence.ToString(CultureInfo.InvariantCulture)), new("Data.RequestId", Guid.CreateVersion7().ToString()),
        ]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/listen")]
    [InlineData("/withdraw")]
    public async Task Frontline_cannot_open_a_case_owned_by_someone_else(string page)
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized, owner: CaseDriver.Supervisor);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var forbidden = await browser.GetPageAsync($"/cases/{reference}{page}", HttpStatusCode.Forbidden);

        Assert.Contains("You don't have access", forbidden.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, forbidden.Body?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("listen", "Data.CustomerFeels")]
    [InlineData("withdraw", "Data.Note")]
    public async Task Frontline_posting_a_step_on_a_case_owned_by_someone_else_gets_403_and_records_nothing(string step, string field)
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized, owner: CaseDriver.Supervisor);
        var (version, sequence) = await _cases.PositionAsync(reference);
        var before = await _cases.SnapshotAsync(reference);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        // A valid token for this person, taken from a page they may open.
        var token = Value((await browser.GetPageAsync("/cases/new")).QuerySelector("#log-form")!, "__RequestVerificationToken")!;

        var response = await browser.PostAsync($"/cases/{reference}/{step}",
        [
            new("__RequestVerificationToken", token), new(field, "Not mine to write."), new("Data.Reason", "Duplicate"),
            new("Data.Version", version.ToString(CultureInfo.InvariantCulture)),
            new("Data.SeenSequence", sequence.ToString(CultureInfo.InvariantCulture)), new("Data.RequestId", Guid.CreateVersion7().ToString()),
        ]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await _cases.SnapshotAsync(reference));
    }

    [Theory]
    [InlineData("/cases/SR-2000-999999")]
    [InlineData("/cases/SR-2000-999999/listen")]
    [InlineData("/cases/not-a-reference")]
    public async Task An_unknown_case_is_not_found(string url)
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Supervisor);

        await browser.GetPageAsync(url, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Posting_a_step_for_an_unknown_case_is_not_found()
    {
        using var browser = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var token = Value((await browser.GetPageAsync("/cases/new")).QuerySelector("#log-form")!, "__RequestVerificationToken")!;

        var response = await browser.PostAsync("/cases/SR-2000-999999/listen",
        [
            new("__RequestVerificationToken", token), new("Data.CustomerFeels", "Fine."), new("Data.Version", "1"),
            new("Data.SeenSequence", "1"), new("Data.RequestId", Guid.CreateVersion7().ToString()),
        ]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_lowercase_reference_opens_the_same_case_and_its_steps()
    {
        var reference = await _cases.LogAtAsync(Stage.Logged);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference.ToLowerInvariant()}");
        var response = await browser.SubmitFormAsync($"/cases/{reference.ToLowerInvariant()}/apologize", new Dictionary<string, string> { ["Data.Words"] = "So sorry." });

        Assert.Equal(reference, page.QuerySelector("[data-testid=case-reference]")?.TextContent);
        Assert.Equal($"/cases/{reference}", response.Headers.Location?.OriginalString);
        Assert.Equal(Stage.Apologized, (await _cases.CaseAsync(reference)).Stage);
    }

    [Fact]
    public async Task The_case_in_the_address_wins_over_a_reference_posted_in_the_form()
    {
        var mine = await _cases.LogAtAsync(Stage.Logged);
        var other = await _cases.LogAtAsync(Stage.Logged);
        var otherBefore = await _cases.SnapshotAsync(other);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await browser.SubmitFormAsync($"/cases/{mine}/apologize",
            new Dictionary<string, string> { ["Data.Words"] = "So sorry.", ["Data.Reference"] = other });

        Assert.Equal($"/cases/{mine}", response.Headers.Location?.OriginalString);
        Assert.Equal(Stage.Apologized, (await _cases.CaseAsync(mine)).Stage);
        Assert.Equal(otherBefore, await _cases.SnapshotAsync(other));
    }

    public static TheoryData<Stage, bool, string> StagesAndButtons() => new()
    {
        { Stage.Logged, false, "Apologize,Withdraw" },
        { Stage.Apologized, false, "Listen,Withdraw" },
        { Stage.Listened, false, "Fix,Withdraw" },
        { Stage.Fixed, false, "Atone,Withdraw" },
        { Stage.Fixed, true, "Atone,ScheduleFollowUp,Withdraw" },
        { Stage.Atoned, false, "ScheduleFollowUp,Withdraw" },
        { Stage.FollowUpDue, false, "RecordSatisfied,RecordNotSatisfied,RecordNoAnswer,CloseUnsatisfied,Withdraw" },
        { Stage.Closed, false, "" },
        { Stage.ClosedWithoutRecovery, false, "" },
        { Stage.Withdrawn, false, "" },
    };

    [Theory]
    [MemberData(nameof(StagesAndButtons))]
    public async Task The_case_page_offers_exactly_the_domains_allowed_actions(Stage stage, bool reopened, string buttons)
    {
        var reference = await _cases.LogAtAsync(reopened ? Stage.FollowUpDue : stage);
        if (reopened)
        {
            await _cases.SendStepAsync(reference, new Features.Cases.FollowUpOutcome.Command { Outcome = Domain.Cases.FollowUpOutcome.NotSatisfied, Note = "Still noisy." });
            await _cases.SendStepAsync(reference, new Fix.Command { WhatWasDone = "Moved again." });
        }

        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference}");

        var shown = page.QuerySelectorAll("[data-testid=next-actions] [data-action]")
            .Select(a => (Action: Enum.Parse<CaseAction>(a.GetAttribute("data-action")!), Href: a.GetAttribute("href")))
            .ToList();
        var expected = buttons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<CaseAction>).ToList();
        var domain = (await _cases.CaseAsync(reference)).AllowedActions;
        Assert.Equal(expected.Order(), shown.Select(s => s.Action).Order());
        Assert.Equal(domain.Order(), shown.Select(s => s.Action).Order());
        Assert.All(shown, s => Assert.Equal(CaseViews.PathOf(reference, s.Action), s.Href));
        Assert.Equal(Stages.Label(stage), page.QuerySelector("[data-testid=case-stage]")?.TextContent);
        Assert.Equal(expected.Count == 0, page.QuerySelector("[data-testid=no-actions]") is not null);
    }

    [Fact]
    public async Task Every_button_on_the_case_page_opens_a_step_form()
    {
        var reference = await _cases.LogAtAsync(Stage.FollowUpDue);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);
        var casePage = await browser.GetPageAsync($"/cases/{reference}");
        var links = casePage.QuerySelectorAll("[data-action]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(5, links.Count);

        foreach (var link in links)
        {
            var page = await browser.GetPageAsync(link);
            Assert.True(page.QuerySelector("main form") is not null, $"{link} shows no form");
            Assert.Null(page.QuerySelector("[data-testid=not-available]"));
        }
    }

    [Fact]
    public async Task A_supervisor_sees_the_actions_on_a_case_owned_by_frontline()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        using var browser = await Fixture.SignInAsync(CaseDriver.Supervisor);

        var page = await browser.GetPageAsync($"/cases/{reference}");

        Assert.Equal(["Listen", "Withdraw"], page.QuerySelectorAll("[data-action]").Select(a => a.GetAttribute("data-action")));
        Assert.Equal(CaseDriver.FrontlineName, page.QuerySelector("[data-testid=case-owner]")?.TextContent);
    }

    [Fact]
    public async Task The_case_page_shows_the_timeline_newest_first_with_actor_and_stages()
    {
        var reference = await _cases.LogAtAsync(Stage.Apologized);
        await _cases.SendStepAsync(reference, _cases.StepInto(Stage.Listened), CaseDriver.Supervisor);
        using var browser = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await browser.GetPageAsync($"/cases/{reference}");

        var lines = page.QuerySelectorAll("[data-testid=timeline] > li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("Sam Supervisor", lines[0], StringComparison.Ordinal);
        Assert.Contains("Listened to the customer", lines[0], StringComparison.Ordinal);
        Assert.Contains("Apologized → Listened", lines[0], StringComparison.Ordinal);
        Assert.Contains("Apologized to the customer", lines[1], StringComparison.Ordinal);
        Assert.Contains("Logged the complaint", lines[2], StringComparison.Ordinal);
        Assert.Contains(CaseDriver.FrontlineName, lines[2], StringComparison.Ordinal);
    }

    private static string? Value(AngleSharp.Dom.IElement form, string name) =>
        (form.QuerySelector($"input[name='{name}']") as IHtmlInputElement)?.Value;

    private static Dictionary<string, string> Fields(string encoded) =>
        encoded.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

    /// <summary>The values a browser would send for the form, with <paramref name="fields"/> filled in.</summary>
    private static List<KeyValuePair<string, string>> FormValues(IHtmlDocument page, string selector, Dictionary<string, string> fields)
    {
        var form = page.QuerySelector(selector)!;
        var values = form.QuerySelectorAll("input[type=hidden][name]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, (i as IHtmlInputElement)!.Value))
            .Where(kv => !fields.ContainsKey(kv.Key))
            .ToList();
        values.AddRange(fields);
        return values;
    }

    private static async Task<string> Describe(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestBrowser.ParseAsync(html);
        var errors = page.QuerySelectorAll("[data-testid=form-errors], .invalid-feedback, [data-testid=not-available]")
            .Select(e => e.TextContent.Trim()).Where(t => t.Length > 0);
        return $"{response.StatusCode}: {string.Join(" | ", errors)}";
    }
}
