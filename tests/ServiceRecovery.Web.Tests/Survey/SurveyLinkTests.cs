using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Survey;

/// <summary>When survey links go out (follow-up, close), in which language, to whom; staff taking a link; NPS before at intake.</summary>
public sealed class SurveyLinkTests(WebFixture fixture) : WebTest(fixture)
{
    private SurveyDriver Driver => new(Fixture);

    [Fact]
    public async Task Scheduling_the_follow_up_sends_the_link_in_the_customers_language_and_nothing_earlier()
    {
        var reference = await Driver.Cases.LogAsync();
        await Fixture.ExecuteSqlAsync($"UPDATE customers SET language = 'vi' WHERE id = (SELECT customer_id FROM recovery_cases WHERE reference = '{reference}')");
        await Driver.Cases.WalkToAsync(reference, Stage.Atoned);
        Assert.Empty(await Driver.MessagesAsync(reference, MessageKinds.SurveyInvitation)); // never mid-way

        await Driver.Cases.SendStepAsync(reference, Driver.Cases.StepInto(Stage.FollowUpDue));

        var message = Assert.Single(await Driver.MessagesAsync(reference, MessageKinds.SurveyInvitation));
        Assert.Equal("vi", message.Language);
        Assert.Equal("priya.shah@example.com", message.ToAddress);
        Assert.StartsWith("Chúng tôi đã khắc phục xong", message.Subject, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/s/", message.TextBody, StringComparison.Ordinal);
        Assert.EndsWith("?lang=vi", SurveyDriver.PathOf(message.TextBody), StringComparison.Ordinal);
        var invitation = await Fixture.QueryAsync(db => db.Set<SurveyInvitation>().AsNoTracking().SingleAsync());
        Assert.Equal(SurveyIssueReason.FollowUp, invitation.Reason);
        Assert.Equal("vi", invitation.Language);
        Assert.Equal(30, (invitation.ExpiresAt - invitation.IssuedAt).TotalDays, precision: 3);
        Assert.Equal(TimelineKinds.FollowUpScheduled, (await Driver.Cases.TimelineAsync(reference))[^1].Kind); // the link is no step of the case
    }

    [Fact]
    public async Task Closing_unanswered_sends_the_link_again_and_withdrawing_sends_none()
    {
        var closed = await Driver.AtFollowUpAsync();
        var withdrawn = await Driver.AtFollowUpAsync(customerName: "Wendy", email: "wendy@example.com");

        await Driver.Cases.SendStepAsync(closed, new Features.Cases.FollowUpOutcome.Command { Outcome = FollowUpOutcome.Satisfied });
        await Driver.Cases.SendStepAsync(withdrawn, new Features.Cases.Withdraw.Command { Reason = WithdrawReason.Duplicate, Note = "Same as another." });

        var sent = await Driver.MessagesAsync(closed, MessageKinds.SurveyInvitation);
        Assert.Equal(2, sent.Count);
        Assert.NotEqual(SurveyDriver.PathOf(sent[0].TextBody), SurveyDriver.PathOf(sent[1].TextBody));
        Assert.Single(await Driver.MessagesAsync(withdrawn, MessageKinds.SurveyInvitation));
        // Either link of the closed case answers; the other is spent with it.
        using var customer = Fixture.CreateBrowser();
        var response = await customer.SubmitFormAsync(SurveyDriver.PathOf(sent[1].TextBody), SurveyDriver.Answer(fixedIt: false, "Still cold"), "form[data-testid=survey-form]");
        Assert.Equal("/s/thanks?lang=en&next=NotFixedAfterClose", response.Headers.Location?.OriginalString);
        var c = await Driver.Cases.CaseAsync(closed);
        Assert.Equal(Stage.Closed, c.Stage);
        Assert.Equal(0, c.ReopenCount);
        var told = Assert.Single(await Driver.MessagesAsync(closed, MessageKinds.CaseReopened));
        Assert.Contains("stays closed", told.TextBody, StringComparison.Ordinal);
        var first = await customer.GetPageAsync(SurveyDriver.PathOf(sent[0].TextBody));
        Assert.NotNull(first.QuerySelector("[data-testid=survey-answered]"));
    }

    [Fact]
    public async Task A_customer_without_an_email_gets_no_link_sent_and_staff_can_take_one()
    {
        var reference = await Driver.AtFollowUpAsync(email: null);
        Assert.Empty(await Driver.MessagesAsync(reference, MessageKinds.SurveyInvitation));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Set<SurveyInvitation>().CountAsync()));
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);
        var casePage = await fran.GetPageAsync($"/cases/{reference}");
        Assert.NotNull(casePage.QuerySelector("[data-testid=get-survey-link]"));

        var response = await fran.SubmitFormAsync($"/cases/{reference}/survey-link", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var page = await TestBrowser.ReadAsync(response);
        var link = page.QuerySelector("[data-testid=survey-link]")?.GetAttribute("value");
        Assert.StartsWith("http://127.0.0.1:5080/s/", link, StringComparison.Ordinal);
        var invitation = await Fixture.QueryAsync(db => db.Set<SurveyInvitation>().AsNoTracking().SingleAsync());
        Assert.Equal(SurveyIssueReason.Staff, invitation.Reason);
        Assert.Equal(CaseDriver.FrontlineName, invitation.IssuedByName);
        // Shown once: the case page says a link was taken, but never shows it again.
        var after = await fran.GetAsync($"/cases/{reference}");
        var html = await after.Content.ReadAsStringAsync();
        Assert.DoesNotContain(SurveyDriver.TokenOf(SurveyDriver.PathOf(link!)), html, StringComparison.Ordinal);
        Assert.Contains("Taken by Fran Frontline", html, StringComparison.Ordinal);
        // And it works for the customer.
        using var customer = Fixture.CreateBrowser();
        var answered = await customer.SubmitFormAsync(SurveyDriver.PathOf(link!), SurveyDriver.Answer(fixedIt: true), "form[data-testid=survey-form]");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(Stage.Closed, (await Driver.Cases.CaseAsync(reference)).Stage);
    }

    [Fact]
    public async Task A_frontline_member_who_may_not_act_on_the_case_cannot_take_a_link()
    {
        var reference = await Driver.Cases.LogAtAsync(Stage.FollowUpDue, owner: CaseDriver.Supervisor);
        var before = await Fixture.QueryAsync(db => db.Set<SurveyInvitation>().CountAsync());
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);
        using var sam = await Fixture.SignInAsync(CaseDriver.Supervisor);
        var samsForm = await sam.GetPageAsync($"/cases/{reference}/survey-link");

        var get = await fran.GetAsync($"/cases/{reference}/survey-link");
        var token = samsForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var franToken = (await TestBrowser.ReadAsync(await fran.GetAsync("/cases/new"))).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await fran.PostAsync($"/cases/{reference}/survey-link", [new("__RequestVerificationToken", franToken)]);

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(before, await Fixture.QueryAsync(db => db.Set<SurveyInvitation>().CountAsync()));
        var casePage = await sam.GetPageAsync($"/cases/{reference}");
        Assert.NotNull(casePage.QuerySelector("[data-testid=get-survey-link]"));
    }

    [Fact]
    public async Task No_link_can_be_taken_before_follow_up()
    {
        var reference = await Driver.Cases.LogAtAsync(Stage.Fixed);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await fran.GetPageAsync($"/cases/{reference}/survey-link");
        var casePage = await fran.GetPageAsync($"/cases/{reference}");

        Assert.Equal("A survey link can be issued once the case reaches follow-up.", page.QuerySelector("[data-testid=survey-refusal]")?.TextContent);
        Assert.Null(page.QuerySelector("main form"));
        Assert.Null(casePage.QuerySelector("[data-testid=get-survey-link]"));
        Assert.Equal("not asked", casePage.QuerySelector("[data-testid=nps-before]")?.TextContent);
    }

    [Fact]
    public async Task The_case_page_shows_the_answer()
    {
        var reference = await Driver.AtFollowUpAsync();
        using var customer = Fixture.CreateBrowser();
        await customer.SubmitFormAsync(await Driver.LinkAsync(reference), SurveyDriver.Answer(fixedIt: false, "Still cold", csat: 2, nps: 4, contact: true), "form[data-testid=survey-form]");
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);

        var page = await fran.GetPageAsync($"/cases/{reference}");

        Assert.Equal("Answered", page.QuerySelector("[data-testid=survey-state]")?.TextContent);
        var answer = page.QuerySelector("[data-testid=survey-answer]")?.TextContent ?? "";
        Assert.Contains("Not fixed", answer, StringComparison.Ordinal);
        Assert.Contains("CSAT 2 / 5", answer, StringComparison.Ordinal);
        Assert.Contains("NPS 4 / 10", answer, StringComparison.Ordinal);
        Assert.Contains("wants to be contacted", answer, StringComparison.Ordinal);
        Assert.Contains("Still cold", answer, StringComparison.Ordinal);
        Assert.StartsWith("CSAT 2 / 5 · NPS after 4 / 10", page.QuerySelector("[data-testid=survey-latest]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_nps_is_saved_from_the_intake_form_and_checked()
    {
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);
        var fields = new Dictionary<string, string>
        {
            ["Data.CustomerName"] = "Nina Before",
            ["Data.CustomerEmail"] = "nina@example.com",
            ["Data.Channel"] = "Phone",
            ["Data.Category"] = CaseDriver.Category,
            ["Data.Severity"] = "Minor",
            ["Data.WhatHappened"] = "Noisy room all night.",
            ["Data.NpsBefore"] = "11",
        };

        var refused = await fran.SubmitFormAsync("/cases/new", fields, "main form[method=post]");
        fields["Data.NpsBefore"] = "3";
        var saved = await fran.SubmitFormAsync("/cases/new", fields, "main form[method=post]");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("The “before” NPS is a number from 0 to 10 (or leave it empty).", (await TestBrowser.ReadAsync(refused)).QuerySelector("#npsbefore-error")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var c = await Fixture.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync());
        Assert.Equal(3, c.NpsBefore);
        var page = await fran.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("3 / 10", page.QuerySelector("[data-testid=nps-before]")?.TextContent);
    }
}
