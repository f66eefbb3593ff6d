using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Public;

/// <summary>
/// The public complaint form, as a member of the public uses it (no sign-in, real antiforgery, real PostgreSQL): the case
/// it opens, the customer it is matched to (without telling), the acknowledgement in the outbox, and what keeps abuse out.
/// </summary>
public sealed class PublicFormTests(WebFixture fixture) : WebTest(fixture)
{
    internal static Dictionary<string, string> Complaint(string name = "Ana Lima", string email = "ana@example.com", string phone = "") => new()
    {
        ["Data.Name"] = name,
        ["Data.Email"] = email,
        ["Data.Phone"] = phone,
        ["Data.WhatHappened"] = "The air conditioning in room 412 did not work all night.",
        ["Data.Expected"] = "A cool room.",
        ["Data.PutRight"] = "A night refunded.",
        ["Data.BookingReference"] = "BK-7781",
        ["Data.Value"] = "120.50",
    };

    /// <summary>Files the form and follows the redirect to the acknowledgement page.</summary>
    internal static async Task<(HttpResponseMessage Post, IHtmlDocument? Received)> FileAsync(TestBrowser browser, IDictionary<string, string> fields, string url = "/complain")
    {
        var post = await browser.SubmitFormAsync(url, fields);
        if (post.StatusCode != HttpStatusCode.Redirect)
        {
            return (post, null);
        }

        return (post, await browser.GetPageAsync(post.Headers.Location!.OriginalString));
    }

    private static async Task<Guid> AddCustomerAsync(WebFixture fixture, string name, string? email, string? phone) =>
        await fixture.QueryAsync(async db =>
        {
            var customer = Customer.Create(name, email, phone, CustomerTier.Vip, DateTimeOffset.UtcNow.AddDays(-30));
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });

    [Fact]
    public async Task A_complaint_opens_an_unassigned_web_case_in_logged_for_a_new_customer_and_acknowledges_it()
    {
        using var visitor = Fixture.CreateBrowser();

        var (post, received) = await FileAsync(visitor, Complaint(email: " Ana@Example.com "));

        Assert.StartsWith("/complain/received?t=", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var reference = received!.QuerySelector("[data-testid=reference]")?.TextContent.Trim();
        Assert.Matches("^SR-[0-9]{4}-[0-9]{6}$", reference);
        Assert.NotNull(received.QuerySelector("[data-testid=email-note]"));
        var recoveryCase = await Fixture.QueryAsync(db => db.Cases.SingleAsync());
        Assert.Equal(reference, recoveryCase.Reference);
        Assert.Equal((Stage.Logged, Channel.Web, (Guid?)null), (recoveryCase.Stage, recoveryCase.Channel, recoveryCase.OwnerId));
        Assert.Equal(("Other", Severity.Moderate), (recoveryCase.Category, recoveryCase.Severity));
        Assert.Equal(120.50m, recoveryCase.TransactionValue);
        Assert.Equal("EUR", recoveryCase.Currency);
        Assert.Equal(("A cool room.", "A night refunded."), (recoveryCase.CustomerExpected, recoveryCase.CustomerWants));
        Assert.EndsWith("Booking or transaction reference (given by the customer): BK-7781", recoveryCase.WhatHappened, StringComparison.Ordinal);
        Assert.Equal(Actor.CustomerActorId, recoveryCase.OpenedById);
        Assert.Equal("Ana Lima", recoveryCase.OpenedByName);
        var customer = await Fixture.QueryAsync(db => db.Customers.SingleAsync());
        Assert.Equal((recoveryCase.CustomerId, "Ana Lima", "ana@example.com", "en"), (customer.Id, customer.Name, customer.Email, customer.Language));
        var message = await Fixture.QueryAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal((MessageKinds.ComplaintAcknowledged, "en", "ana@example.com", "Ana Lima", (Guid?)recoveryCase.Id),
            (message.Kind, message.Language, message.ToAddress, message.ToName, message.CaseId));
        Assert.Equal($"We have your complaint: {reference}", message.Subject);
        var logged = await Fixture.QueryAsync(db => db.Timeline.Where(t => t.CaseId == recoveryCase.Id).SingleAsync());
        Assert.Equal(TimelineKinds.Logged, logged.Kind);
    }

    [Fact]
    public async Task Staff_see_the_web_complaint_in_the_queue_like_any_other_unassigned_case()
    {
        using var visitor = Fixture.CreateBrowser();
        var (_, received) = await FileAsync(visitor, Complaint());
        var reference = received!.QuerySelector("[data-testid=reference]")!.TextContent.Trim();

        using var fran = await Fixture.SignInAsync("frontline@demo.test");
        var queue = await fran.GetPageAsync("/queue?View.Channel=Web");

        Assert.Contains(reference, queue.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var casePage = await fran.GetPageAsync($"/cases/{reference}");
        Assert.Contains("BK-7781", casePage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filed_in_vietnamese_the_new_customer_the_pages_and_the_acknowledgement_are_in_vietnamese()
    {
        using var visitor = Fixture.CreateBrowser();

        var (post, received) = await FileAsync(visitor, Complaint(name: "Nguyễn Văn An", email: "an@example.vn"), "/complain?lang=vi");

        Assert.Contains("lang=vi", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("vi", received!.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Cảm ơn quý khách: chúng tôi đã nhận được khiếu nại", received.QuerySelector("h1")?.TextContent.Trim());
        var customer = await Fixture.QueryAsync(db => db.Customers.SingleAsync());
        Assert.Equal(("Nguyễn Văn An", "vi"), (customer.Name, customer.Language));
        var message = await Fixture.QueryAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal("vi", message.Language);
        Assert.StartsWith("Chúng tôi đã nhận được khiếu nại của quý khách", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Kính gửi Nguyễn Văn An", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_email_is_matched_silently_and_the_known_customer_is_left_as_it_was()
    {
        var known = await AddCustomerAsync(Fixture, "Olivia Stored", "olivia@example.com", "+44 20 7946 0000");
        using var first = Fixture.CreateBrowser();
        using var second = Fixture.CreateBrowser();

        var (_, matchedPage) = await FileAsync(first, Complaint(name: "Somebody Else", email: "OLIVIA@Example.com"));
        var (_, newPage) = await FileAsync(second, Complaint(name: "Somebody Else", email: "nobody@example.com"));

        var cases = await Fixture.QueryAsync(db => db.Cases.OrderBy(c => c.OpenedAt).ToListAsync());
        Assert.Equal(known, cases[0].CustomerId);
        Assert.NotEqual(known, cases[1].CustomerId);
        var stored = await Fixture.QueryAsync(db => db.Customers.SingleAsync(c => c.Id == known));
        Assert.Equal(("Olivia Stored", "olivia@example.com", "+44 20 7946 0000", CustomerTier.Vip, "en"),
            (stored.Name, stored.Email, stored.Phone, stored.Tier, stored.Language));
        // Nothing on the page tells the two apart: the same text, but for the reference.
        Assert.Equal(Text(newPage!, cases[1].Reference), Text(matchedPage!, cases[0].Reference));
        Assert.DoesNotContain("Olivia", matchedPage!.DocumentElement.OuterHtml, StringComparison.Ordinal);
        // The acknowledgement goes to the address typed, under the name typed.
        var message = await Fixture.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.CaseId == cases[0].Id));
        Assert.Equal(("olivia@example.com", "Somebody Else"), (message.ToAddress, message.ToName));
        Assert.DoesNotContain("Olivia", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_phone_is_matched_by_its_digits_and_no_message_goes_out_without_an_email()
    {
        var known = await AddCustomerAsync(Fixture, "Olivia Stored", null, "+44 20 7946 0000");
        using var visitor = Fixture.CreateBrowser();

        var (_, received) = await FileAsync(visitor, Complaint(name: "O. S.", email: "", phone: "+44 (20) 7946-0000"));

        Assert.NotNull(received?.QuerySelector("[data-testid=reference]"));
        Assert.Null(received!.QuerySelector("[data-testid=email-note]"));
        Assert.Equal(known, await Fixture.QueryAsync(db => db.Cases.Select(c => c.CustomerId).SingleAsync()));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Customers.CountAsync()));
        Assert.Equal("+44 20 7946 0000", await Fixture.QueryAsync(db => db.Customers.Select(c => c.Phone).SingleAsync()));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_filled_honeypot_looks_like_success_but_saves_nothing()
    {
        using var bot = Fixture.CreateBrowser();
        var page = await bot.GetPageAsync("/complain");
        var trap = page.QuerySelector("#Data_Website")!;
        Assert.Equal(("-1", "off"), (trap.GetAttribute("tabindex"), trap.GetAttribute("autocomplete")));
        Assert.Equal("true", trap.ParentElement!.GetAttribute("aria-hidden"));

        var fields = Complaint();
        fields["Data.Website"] = "http://spam.example";
        var (post, received) = await FileAsync(bot, fields);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.NotNull(received!.QuerySelector("[data-testid=received]"));
        Assert.Null(received.QuerySelector("[data-testid=reference]"));
        Assert.Equal((0, 0, 0), (await Fixture.QueryAsync(db => db.Cases.CountAsync()), await Fixture.QueryAsync(db => db.Customers.CountAsync()),
            await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync())));
    }

    [Fact]
    public async Task A_form_sent_too_fast_is_given_back_with_a_clear_message_and_nothing_is_saved()
    {
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString, new Dictionary<string, string?> { ["PublicForm:MinimumSecondsToSubmit"] = "30" });
        using var quick = new TestBrowser(factory.CreateBrowserClient());

        var (post, _) = await FileAsync(quick, Complaint());

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var page = await TestBrowser.ReadAsync(post);
        Assert.Contains("That was very quick. Please check what you wrote, then send it again.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The air conditioning in room 412 did not work all night.", (page.QuerySelector("#Data_WhatHappened") as IHtmlTextAreaElement)?.Value);
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Cases.CountAsync()));

        var vi = await quick.SubmitFormAsync("/complain?lang=vi", Complaint());
        Assert.Contains("Biểu mẫu được gửi quá nhanh", (await TestBrowser.ReadAsync(vi)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forged-timestamp")]
    [InlineData("")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_tampered_or_missing_timestamp_is_refused_clearly_and_the_form_given_back_can_be_sent(string stamp)
    {
        using var visitor = Fixture.CreateBrowser();
        var fields = Complaint();
        fields["Data.Started"] = stamp;

        var post = await visitor.SubmitFormAsync("/complain", fields);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var page = await TestBrowser.ReadAsync(post);
        Assert.Contains("We could not check this form (it may be out of date).", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
        // The form given back carries a fresh stamp: sending it again works.
        var again = await visitor.SubmitFormAsync(page, new Dictionary<string, string>(), "main form", "/complain");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task Too_many_complaints_from_one_address_get_a_friendly_429_with_retry_after_in_the_visitors_language()
    {
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString, new Dictionary<string, string?> { ["RateLimits:ComplaintsPerIpPerMinute"] = "2" });
        using var visitor = new TestBrowser(factory.CreateBrowserClient());
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitFormAsync("/complain", Complaint())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.SubmitFormAsync("/complain", Complaint())).StatusCode);

        var refused = await visitor.SubmitFormAsync("/complain?lang=vi", Complaint());

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.TryParse(refused.Headers.GetValues("Retry-After").Single(), out var seconds) && seconds is > 0 and <= 60, "Retry-After");
        var page = await TestBrowser.ReadAsync(refused);
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Xin quý khách chờ một chút", page.QuerySelector("[data-testid=error-page] h1")?.TextContent.Trim());
        Assert.Contains($"chờ {seconds} giây", page.QuerySelector("[data-testid=error-page] p")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=organisation]")); // the public layout, not the staff one
        var english = await visitor.SubmitFormAsync("/complain", Complaint());
        Assert.Equal(HttpStatusCode.TooManyRequests, english.StatusCode);
        Assert.Equal("Please slow down", (await TestBrowser.ReadAsync(english)).QuerySelector("[data-testid=error-page] h1")?.TextContent.Trim());
        Assert.Equal(2, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
        // Opening the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/complain")).StatusCode);
    }

    [Fact]
    public async Task The_same_form_sent_twice_files_one_complaint()
    {
        using var visitor = Fixture.CreateBrowser();
        var page = await visitor.GetPageAsync("/complain");
        var form = (IHtmlFormElement)page.QuerySelector("main form")!;
        var values = TestBrowser.FormValues(form, Complaint());

        var first = await visitor.PostAsync("/complain", values);
        var second = await visitor.PostAsync("/complain", values);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync()));
        var reference = await Fixture.QueryAsync(db => db.Cases.Select(c => c.Reference).SingleAsync());
        var shown = await visitor.GetPageAsync(second.Headers.Location!.OriginalString);
        Assert.Equal(reference, shown.QuerySelector("[data-testid=reference]")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_acknowledgement_page_never_looks_up_a_case_from_the_address()
    {
        using var visitor = Fixture.CreateBrowser();
        var (_, received) = await FileAsync(visitor, Complaint());
        var reference = received!.QuerySelector("[data-testid=reference]")!.TextContent.Trim();

        using var stranger = Fixture.CreateBrowser();
        foreach (var url in new[] { "/complain/received", $"/complain/received?t={reference}", $"/complain/received?reference={reference}", "/complain/received?t=CfDJ8garbage" })
        {
            var page = await stranger.GetPageAsync(url);
            Assert.NotNull(page.QuerySelector("[data-testid=receipt-unavailable]"));
            Assert.DoesNotContain(reference, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_fields_are_explained_in_vietnamese_on_the_vietnamese_form()
    {
        using var visitor = Fixture.CreateBrowser();

        var post = await visitor.SubmitFormAsync("/complain?lang=vi", new Dictionary<string, string> { ["Data.Phone"] = "12", ["Data.Value"] = "-3.456" });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var page = await TestBrowser.ReadAsync(post);
        var errors = page.QuerySelectorAll(".invalid-feedback").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        Assert.Contains("Xin quý khách cho biết họ tên.", errors);
        Assert.Contains("Xin quý khách cho biết chuyện gì đã xảy ra.", errors);
        Assert.Contains("Xin quý khách nhập số điện thoại từ 6 đến 15 chữ số; có thể dùng dấu cách, +, -, ( ).", errors);
        Assert.Contains("Số tiền phải từ 0 đến 1.000.000.", errors);
        Assert.DoesNotContain(errors, e => e.Contains("Please", StringComparison.Ordinal));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Cases.CountAsync()));

        var notANumber = await visitor.SubmitFormAsync("/complain?lang=vi", new Dictionary<string, string> { ["Data.Value"] = "lots" });
        var valueError = (await TestBrowser.ReadAsync(notANumber)).QuerySelectorAll(".invalid-feedback").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0);
        Assert.DoesNotContain(valueError, e => e.Contains("Enter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hostile_input_is_refused_clearly_or_kept_exactly_and_always_encoded()
    {
        using var visitor = Fixture.CreateBrowser();

        // A control character: that field's message, in the visitor's language; nothing saved.
        var control = Complaint();
        control["Data.Expected"] = "cool\u0001room";
        var refused = await TestBrowser.ReadAsync(await visitor.SubmitFormAsync("/complain?lang=vi", control));
        Assert.Contains("Ô này có ký tự điều khiển", refused.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A NUL: the form cannot be read (400), on the public error page in the visitor's language.
        var nul = Complaint();
        nul["Data.WhatHappened"] = "broken\0";
        var unreadable = await visitor.SubmitFormAsync("/complain?lang=vi", nul);
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("Không thể đọc biểu mẫu", (await TestBrowser.ReadAsync(unreadable)).QuerySelector("[data-testid=error-page]")!.TextContent, StringComparison.Ordinal);

        // 5,000 characters: too long, said so.
        var longText = Complaint();
        longText["Data.WhatHappened"] = new string('w', 5000);
        var tooLong = await TestBrowser.ReadAsync(await visitor.SubmitFormAsync("/complain", longText));
        Assert.Contains("Please keep this to 3,800 characters or fewer.", tooLong.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Cases.CountAsync()));

        // Right-to-left text, emoji and markup: kept as typed, shown encoded.
        const string Typed = "\u202Eevil\u202C 😀🔥 مرحبا Tiếng Việt \"><script>alert(1)</script>";
        var hostile = Complaint(name: "<b>Bold</b> 😀");
        hostile["Data.WhatHappened"] = Typed;
        var redisplay = await visitor.SubmitFormAsync("/complain", new Dictionary<string, string>(hostile) { ["Data.Email"] = "not-an-email" });
        var html = await redisplay.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Bold</b>", html, StringComparison.Ordinal);
        Assert.Equal(Typed, ((await TestBrowser.ParseAsync(html)).QuerySelector("#Data_WhatHappened") as IHtmlTextAreaElement)?.Value);

        var (_, received) = await FileAsync(visitor, hostile);
        Assert.NotNull(received);
        var saved = await Fixture.QueryAsync(db => db.Cases.SingleAsync());
        Assert.StartsWith(Typed, saved.WhatHappened, StringComparison.Ordinal);
        Assert.Equal("<b>Bold</b> 😀", saved.OpenedByName);
        using var fran = await Fixture.SignInAsync("frontline@demo.test");
        var staffHtml = await (await fran.GetAsync($"/cases/{saved.Reference}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", staffHtml, StringComparison.Ordinal);
        Assert.Contains("😀🔥 مرحبا", (await TestBrowser.ParseAsync(staffHtml)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_customer_wrote_never_reaches_the_logs()
    {
        using var visitor = Fixture.CreateBrowser();
        var fields = Complaint(name: "Zebulon Quartzfield", email: "zebulon@example.com");
        fields["Data.WhatHappened"] = "Unmistakable-complaint-text-4417";

        var (_, received) = await FileAsync(visitor, fields);
        await visitor.SubmitFormAsync("/complain", new Dictionary<string, string>(fields) { ["Data.Phone"] = "1" }); // a refusal, logged too

        Assert.NotNull(received);
        var logs = string.Join("\n", Fixture.Factory.Logs.Lines);
        Assert.Contains("/complain", logs, StringComparison.Ordinal); // the requests are logged...
        Assert.DoesNotContain("Unmistakable-complaint-text-4417", logs, StringComparison.Ordinal); // ...not what was written
        Assert.DoesNotContain("Zebulon", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("zebulon@example.com", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_links_to_the_form()
    {
        using var visitor = Fixture.CreateBrowser();
        var login = await visitor.GetPageAsync("/account/login");

        var links = login.QuerySelectorAll("[data-testid=public-form-link] a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(["/complain", "/complain?lang=vi"], links);
    }

    private static string Text(IHtmlDocument page, string reference) =>
        page.QuerySelector("main")!.TextContent.Replace(reference, "SR-…", StringComparison.Ordinal);
}
