using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Surveys;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Survey;

/// <summary>The survey page behind the private link: answering, once; what the answer does; unknown, malformed, expired and used links.</summary>
public sealed class SurveyPageTests(WebFixture fixture) : WebTest(fixture)
{
    private SurveyDriver Driver => new(Fixture);

    [Fact]
    public async Task Not_fixed_reopens_the_case_puts_the_answer_on_the_timeline_and_tells_the_owner()
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        using var customer = Fixture.CreateBrowser();

        var response = await customer.SubmitFormAsync(link, SurveyDriver.Answer(fixedIt: false, "The shower is cold again.", csat: 2, nps: 3, contact: true), "form[data-testid=survey-form]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/s/thanks?lang=en&next=Reopened", response.Headers.Location?.OriginalString);
        var c = await Driver.Cases.CaseAsync(reference);
        Assert.Equal(Stage.Listened, c.Stage);
        Assert.Equal(1, c.ReopenCount);
        Assert.Equal(2, c.Csat);
        Assert.Equal(3, c.NpsAfter);
        Assert.NotNull(c.SurveyAnsweredAt);
        var timeline = await Driver.Cases.TimelineAsync(reference);
        Assert.Equal([TimelineKinds.SurveyAnswered, TimelineKinds.Reopened], timeline.TakeLast(2).Select(t => t.Kind));
        Assert.Equal("The shower is cold again.", timeline[^1].Note);
        Assert.Equal("Priya Shah", timeline[^1].ActorName);
        Assert.Equal(await Driver.Cases.UserIdAsync(CaseDriver.Frontline), c.OwnerId);

        var told = Assert.Single(await Driver.MessagesAsync(reference, MessageKinds.CaseReopened));
        Assert.Equal(CaseDriver.Frontline, told.ToAddress);
        Assert.StartsWith($"Reopened: {reference}", told.Subject, StringComparison.Ordinal);
        Assert.Contains("The shower is cold again.", told.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/cases/{reference}", told.TextBody, StringComparison.Ordinal);

        var thanks = await customer.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("will get back to you", thanks.QuerySelector("[data-testid=survey-thanks]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fixed_closes_the_case_as_recovered_and_no_second_link_goes_out()
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        using var customer = Fixture.CreateBrowser();

        var response = await customer.SubmitFormAsync(link, SurveyDriver.Answer(fixedIt: true, csat: 5, nps: 10), "form[data-testid=survey-form]");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var c = await Driver.Cases.CaseAsync(reference);
        Assert.Equal(Stage.Closed, c.Stage);
        Assert.Equal(CaseOutcome.Recovered, c.Outcome);
        Assert.Equal(5, c.Csat);
        Assert.Equal(10, c.NpsAfter);
        Assert.Single(await Driver.MessagesAsync(reference, MessageKinds.SurveyInvitation)); // closed by the answer: no link "again"
        Assert.Empty(await Driver.MessagesAsync(reference, MessageKinds.CaseReopened));
    }

    [Fact]
    public async Task A_second_visit_says_thank_you_we_have_your_answer_and_a_second_post_changes_nothing()
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        using var customer = Fixture.CreateBrowser();
        var form = await customer.GetPageAsync(link);
        await customer.SubmitFormAsync(form, SurveyDriver.Answer(fixedIt: false, "Still broken"), "form[data-testid=survey-form]", link);
        var before = await Driver.Cases.SnapshotAsync(reference);

        var again = await customer.GetPageAsync(link);
        // The same form, posted again (a back button, a second tab).
        var repost = await customer.SubmitFormAsync(form, SurveyDriver.Answer(fixedIt: true), "form[data-testid=survey-form]", link);

        Assert.Equal("Thank you, we have your answer", again.QuerySelector("h1")?.TextContent);
        Assert.Null(again.QuerySelector("form[data-testid=survey-form]"));
        Assert.Equal(HttpStatusCode.Redirect, repost.StatusCode);
        Assert.Equal(link, repost.Headers.Location?.OriginalString);
        Assert.Equal(before, await Driver.Cases.SnapshotAsync(reference));
        Assert.Equal(1, (await Driver.Cases.CaseAsync(reference)).ReopenCount);
    }

    [Fact]
    public async Task An_expired_link_shows_a_clear_page_and_cannot_answer()
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        using var customer = Fixture.CreateBrowser();
        var form = await customer.GetPageAsync(link);
        await Fixture.ExecuteSqlAsync("UPDATE survey_invitations SET expires_at = now() - interval '1 minute'");

        var page = await customer.GetPageAsync(link);
        var post = await customer.SubmitFormAsync(form, SurveyDriver.Answer(fixedIt: true), "form[data-testid=survey-form]", link);

        Assert.NotNull(page.QuerySelector("[data-testid=survey-expired]"));
        Assert.DoesNotContain(reference, page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var c = await Driver.Cases.CaseAsync(reference);
        Assert.Equal(Stage.FollowUpDue, c.Stage);
        Assert.Null(c.Csat);
    }

    [Fact]
    public async Task Unknown_malformed_tampered_and_withdrawn_links_all_show_the_same_page_with_no_hint_of_a_case()
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        var token = SurveyDriver.TokenOf(link);
        var withdrawn = await Driver.AtFollowUpAsync(customerName: "Wendy Withdrawn", email: "wendy@example.com");
        var withdrawnLink = await Driver.LinkAsync(withdrawn);
        await Driver.Cases.SendStepAsync(withdrawn, new Features.Cases.Withdraw.Command { Reason = WithdrawReason.Duplicate, Note = "Same as another." });
        using var visitor = Fixture.CreateBrowser();

        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A'); // a well-formed token that is nobody's
        var bodies = new List<string>();
        foreach (var url in new[]
        {
            $"/s/{tampered}?lang=en",
            $"/s/{new string('A', 22)}?lang=en",
            "/s/short?lang=en",
            $"/s/{token}x?lang=en",
            $"/s/{Uri.EscapeDataString("<script>")}?lang=en",
            $"/s/{new string('z', 5000)}?lang=en",
            withdrawnLink,
        })
        {
            var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("SR-", html, StringComparison.Ordinal);
            bodies.Add(MainOf(html));
        }

        Assert.Single(bodies.Distinct());
        Assert.Contains("data-testid=\"survey-unavailable\"", bodies[0], StringComparison.Ordinal);

        // Posting to them answers nothing either, and says nothing more.
        var form = await visitor.GetPageAsync(link);
        var post = await visitor.SubmitFormAsync(form, SurveyDriver.Answer(fixedIt: false), "form[data-testid=survey-form]", $"/s/{tampered}?lang=en");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(Stage.FollowUpDue, (await Driver.Cases.CaseAsync(reference)).Stage);
        Assert.Equal(Stage.Withdrawn, (await Driver.Cases.CaseAsync(withdrawn)).Stage);
    }

    [Fact]
    public async Task The_lookup_compares_the_hash_in_constant_time_and_a_token_matches_only_its_own_invitation()
    {
        var first = await Driver.AtFollowUpAsync();
        var second = await Driver.AtFollowUpAsync(customerName: "Quentin Two", email: "q@example.com");
        var firstToken = SurveyDriver.TokenOf(await Driver.LinkAsync(first));
        var secondToken = SurveyDriver.TokenOf(await Driver.LinkAsync(second));

        var found = await Fixture.QueryAsync(db => Features.Survey.SurveyLookup.FindAsync(db, secondToken, CancellationToken.None));
        var stored = await Fixture.QueryAsync(db => db.Set<SurveyInvitation>().AsNoTracking().Select(i => i.TokenHash).ToListAsync());

        Assert.Equal(second, found?.Reference);
        Assert.Null(await Fixture.QueryAsync(db => Features.Survey.SurveyLookup.FindAsync(db, firstToken[..^2] + "zz", CancellationToken.None)));
        Assert.Null(await Fixture.QueryAsync(db => Features.Survey.SurveyLookup.FindAsync(db, "malformed", CancellationToken.None)));
        // Only hashes are stored: neither token appears in the table, each hash is its token's SHA-256.
        Assert.All(stored, h => Assert.Equal(32, h.Length));
        Assert.Contains(stored, h => h.SequenceEqual(SurveyToken.HashOf(firstToken)!));
        Assert.DoesNotContain(stored, h => System.Text.Encoding.ASCII.GetString(h).Contains(firstToken, StringComparison.Ordinal));
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src/ServiceRecovery.Domain/Surveys/SurveyToken.cs"));
        Assert.Contains("CryptographicOperations.FixedTimeEquals", source, StringComparison.Ordinal);
        var lookup = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src/ServiceRecovery.Web/Features/Survey/SurveyLookup.cs"));
        Assert.Contains("SurveyToken.Matches", lookup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_page_defaults_to_the_invitations_language_and_the_headers_keep_the_token_private()
    {
        var reference = await Driver.AtFollowUpAsync(language: "vi");
        var link = await Driver.LinkAsync(reference);
        var bare = link.Split('?')[0];
        using var customer = Fixture.CreateBrowser();
        customer.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");

        var redirect = await customer.GetAsync(bare);
        var response = await customer.GetAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(bare + "?lang=vi", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Contains("noindex", Assert.Single(response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
        var unknown = await customer.GetAsync("/s/nothing-here");
        Assert.Equal("no-referrer", Assert.Single(unknown.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("no-store", unknown.Headers.CacheControl?.ToString());
        // ?lang= overrides the invitation's language.
        var english = await customer.GetPageAsync(bare + "?lang=en");
        Assert.Equal("Have we fixed everything for you?", english.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Missing_answers_are_refused_with_messages_next_to_their_questions()
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        using var customer = Fixture.CreateBrowser();

        var response = await customer.SubmitFormAsync(link, new Dictionary<string, string> { ["Data.Comment"] = "Only a comment" }, "form[data-testid=survey-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("Please tell us whether we have fixed everything for you.", page.QuerySelector("#fixed-error")?.TextContent);
        Assert.Equal("Please choose how satisfied you are, from 1 to 5.", page.QuerySelector("#csat-error")?.TextContent);
        Assert.Equal("Please choose how likely you are to recommend us, from 0 to 10.", page.QuerySelector("#nps-error")?.TextContent);
        Assert.Equal("Please tell us whether you would like us to contact you.", page.QuerySelector("#wantscontact-error")?.TextContent);
        Assert.Equal("fixed-error", page.QuerySelector("fieldset:has(#fixed-yes)")?.GetAttribute("aria-describedby"));
        Assert.Equal("Only a comment", (page.QuerySelector("#Data_Comment") as IHtmlTextAreaElement)?.Value);
        Assert.Equal(Stage.FollowUpDue, (await Driver.Cases.CaseAsync(reference)).Stage);
    }

    [Theory]
    [InlineData("Data.Csat", "9")]
    [InlineData("Data.Csat", "abc")]
    [InlineData("Data.Nps", "-1")]
    [InlineData("Data.Nps", "99999999999999999999")]
    [InlineData("Data.Fixed", "maybe")]
    [InlineData("Data.WantsContact", "<b>yes</b>")]
    public async Task Tampered_choices_get_a_clear_message_and_change_nothing(string field, string value)
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        using var customer = Fixture.CreateBrowser();
        var answer = SurveyDriver.Answer(fixedIt: false, "x");
        answer[field] = value;

        var response = await customer.SubmitFormAsync(link.Replace("lang=en", "lang=vi", StringComparison.Ordinal), answer, "form[data-testid=survey-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestBrowser.ParseAsync(html);
        Assert.NotNull(page.QuerySelector("[data-testid=survey-errors]"));
        Assert.DoesNotContain("<b>yes</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("is not valid", html, StringComparison.Ordinal); // model binding's English never shows
        Assert.Equal(Stage.FollowUpDue, (await Driver.Cases.CaseAsync(reference)).Stage);
    }

    [Fact]
    public async Task Hostile_comments_control_characters_refused_5000_characters_refused_rtl_emoji_and_markup_kept_encoded()
    {
        var reference = await Driver.AtFollowUpAsync();
        var link = await Driver.LinkAsync(reference);
        using var customer = Fixture.CreateBrowser();

        var nul = await customer.SubmitFormAsync(link, SurveyDriver.Answer(false, "cold\0water"), "form[data-testid=survey-form]");
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode); // a browser cannot type NUL: the form is unreadable, said clearly
        Assert.Contains("NUL", await nul.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var control = await customer.SubmitFormAsync(link.Replace("lang=en", "lang=vi", StringComparison.Ordinal), SurveyDriver.Answer(false, "cold\u0001water"), "form[data-testid=survey-form]");
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
        Assert.Equal("Ý kiến của quý khách có ký tự không dùng được (ví dụ NUL). Vui lòng xoá ký tự đó.", (await TestBrowser.ReadAsync(control)).QuerySelector("#comment-error")?.TextContent);

        var tooLong = await customer.SubmitFormAsync(link, SurveyDriver.Answer(false, new string('w', 5000)), "form[data-testid=survey-form]");
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Equal("Please keep your comment to 4000 characters or fewer (this one has 5000).", (await TestBrowser.ReadAsync(tooLong)).QuerySelector("#comment-error")?.TextContent);
        Assert.Equal(Stage.FollowUpDue, (await Driver.Cases.CaseAsync(reference)).Stage);

        const string Hostile = "\u202Eevil\u202C 😀🔥 مرحبا Tiếng Việt \"><script>alert(1)</script>";
        var ok = await customer.SubmitFormAsync(link, SurveyDriver.Answer(false, Hostile), "form[data-testid=survey-form]");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(Hostile, (await Driver.Cases.TimelineAsync(reference))[^1].Note);

        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);
        var casePage = await fran.GetAsync($"/cases/{reference}");
        var html = await casePage.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        var parsed = await TestBrowser.ParseAsync(html);
        Assert.Contains(Hostile, parsed.QuerySelector("[data-testid=survey-answer]")?.TextContent, StringComparison.Ordinal);
    }

    private static string MainOf(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        return html[start..end];
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceRecovery.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("No ServiceRecovery.sln above the test binaries.");
    }
}
