using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// Every page and every form of the app, found in its endpoint data source (not a hand-written list), opened and
/// submitted by every role with hostile values in each field — NUL and other control characters, 5,000 characters,
/// right-to-left text and emoji, numbers out of range, bad GUIDs and dates, markup — plus stale forms posted to cases
/// in every stage and unknown page handlers. Nothing may answer 5xx, and nothing typed may come back unencoded.
/// </summary>
public sealed class HostileInputSweepTests(WebFixture fixture, ITestOutputHelper output) : WebTest(fixture)
{
    /// <summary>Markup that must never come back as markup.</summary>
    private const string Markup = "\"><script>alert(1)</script>";

    private static readonly string[] HostileValues =
    [
        "\0x",
        "a\u0001b\u001Fc\u007F",
        new string('w', 5000),
        "\u202Eevil\u202C 😀🔥 مرحبا Tiếng Việt",
        Markup,
        "1e309",
        "-79228162514264337593543950336",
        "99999999999999999999",
        "not-a-guid",
        "9999-12-31",
        "",
    ];

    private static readonly string[] Roles = ["frontline@demo.test", "supervisor@demo.test", "manager@demo.test", "admin@demo.test"];

    private readonly List<string> _failures = [];
    private int _requests;

    [Fact]
    public async Task No_page_or_form_answers_5xx_or_echoes_markup_whatever_is_sent_as_any_role()
    {
        var cases = await CasesInEveryStageAsync();
        var customerId = await Fixture.QueryAsync(db => db.Cases.Select(c => c.CustomerId).FirstAsync());
        var userId = await Fixture.QueryAsync(db => db.Users.Where(u => u.Email == "frontline@demo.test").Select(u => u.Id).SingleAsync());
        var patterns = PagePatterns();
        Assert.Contains("cases/{reference}/atone", patterns);
        Assert.Contains("admin/users/{id:guid}", patterns);
        Assert.True(patterns.Count >= 25, $"Only {patterns.Count} pages found: {string.Join(", ", patterns)}");

        foreach (var role in Roles)
        {
            using var browser = await Fixture.SignInAsync(role);
            foreach (var pattern in patterns)
            {
                var urls = Expand(pattern, cases.Values, customerId, userId);
                var swept = false;
                foreach (var url in urls)
                {
                    var (status, page) = await GetAsync(browser, url, role);
                    if (status != HttpStatusCode.OK || page is null)
                    {
                        continue;
                    }

                    var forms = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().ToList();
                    if (forms.Count > 0 && !swept)
                    {
                        // The first case that shows this page's forms gets every field swept; the same forms are then
                        // posted, stale, to the same page of the case in every other stage.
                        swept = true;
                        await SweepFormsAsync(browser, url, role);
                        await PostStaleFormsAsync(browser, page, url, pattern, urls, role);
                    }

                    await UnknownHandlerAsync(browser, page, url, role);
                }
            }
        }

        // And the pages of people who are not signed in: sign-in and the public complaint form (in both languages).
        using (var anonymous = Fixture.CreateBrowser())
        {
            foreach (var url in new[] { "/account/login", "/complain", "/complain?lang=vi" })
            {
                var (status, page) = await GetAsync(anonymous, url, "anonymous");
                Assert.Equal(HttpStatusCode.OK, status);
                await SweepFormsAsync(anonymous, url, "anonymous");
                if (page is not null && !url.Contains('?', StringComparison.Ordinal))
                {
                    await UnknownHandlerAsync(anonymous, page, url, "anonymous");
                }
            }
        }

        output.WriteLine($"{_requests} requests, {patterns.Count} pages, {Roles.Length} roles.");
        // Grouped with the case references and ids taken out, so that one broken page reads as one line.
        var grouped = _failures
            .Select(f => System.Text.RegularExpressions.Regex.Replace(f, "SR-[0-9]{4}-[0-9]+|[0-9a-f]{8}-[0-9a-f-]{27}", "…"))
            .GroupBy(f => f)
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Count(),4} × {g.Key}");
        // And what the app logged as errors: the first line of each distinct exception.
        var errors = Fixture.Factory.Logs.Lines.Where(l => l.Contains("UnhandledException", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l.Split('\n')[0], "SR-[0-9]{4}-[0-9]+|[0-9a-f]{8}-[0-9a-f-]{27}|RequestId=\"[^\"]*\"", "…"))
            .Select(l => l[(l.IndexOf("RequestPath", StringComparison.Ordinal) is var i and >= 0 ? i : 0)..])
            .Distinct().Take(30);
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {_requests} requests failed:\n" + string.Join("\n", grouped.Take(150))
            + "\nLogged errors:\n" + string.Join("\n", errors));
    }

    [Theory]
    [InlineData("supervisor@demo.test", "/queue?View.Text=%00x")]
    [InlineData("supervisor@demo.test", "/queue?View.Category=%00")]
    [InlineData("frontline@demo.test", "/queue?View.Text=a%01b")]
    [InlineData("admin@demo.test", "/admin/users?q=%00")]
    [InlineData("manager@demo.test", "/compensation?from=2026-01-01%00")]
    [InlineData("frontline@demo.test", "/cases/new?q=%00")]
    public async Task Control_characters_in_an_address_are_refused_with_400_and_a_clear_page(string role, string url)
    {
        // (A NUL in the path itself never reaches the app: Kestrel refuses such a request line with a 400.)
        using var browser = await Fixture.SignInAsync(role);

        var response = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal(Web.Infrastructure.Web.HostileInputFilter.AddressMessage, page.QuerySelector("[data-testid=error-page] p")?.TextContent);
    }

    [Fact]
    public async Task A_control_character_in_a_form_field_is_that_fields_message_and_nothing_is_saved()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAtAsync(Stage.Logged);
        var before = await driver.SnapshotAsync(reference);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await fran.SubmitFormAsync($"/cases/{reference}/apologize", new Dictionary<string, string> { ["Data.Words"] = "I'm so sorry\u0001 about that" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal("This field " + Domain.Common.ControlCharacters.Message, page.QuerySelector("#words-error")?.TextContent.Trim());
        Assert.Contains("about that", (page.QuerySelector("#Data_Words") as IHtmlTextAreaElement)?.Value, StringComparison.Ordinal); // what was typed is kept
        Assert.Equal(before, await driver.SnapshotAsync(reference));
    }

    [Fact]
    public async Task A_nul_in_a_posted_form_is_refused_with_400_and_nothing_is_saved()
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAtAsync(Stage.Logged);
        var before = await driver.SnapshotAsync(reference);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await fran.SubmitFormAsync($"/cases/{reference}/apologize", new Dictionary<string, string> { ["Data.Words"] = "Sorry\0" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal(Web.Infrastructure.Web.UnreadableFormMiddleware.Message, page.QuerySelector("[data-testid=error-page] p")?.TextContent);
        Assert.Equal(before, await driver.SnapshotAsync(reference));
    }

    [Theory]
    [InlineData("Data.Version", "not-a-number")]
    [InlineData("Data.SeenSequence", "1e309")]
    [InlineData("Data.RequestId", "not-a-guid")]
    public async Task A_hidden_field_that_does_not_parse_gives_the_form_back_as_out_of_date(string field, string value)
    {
        var driver = new CaseDriver(Fixture);
        var reference = await driver.LogAtAsync(Stage.Logged);
        var before = await driver.SnapshotAsync(reference);
        using var fran = await Fixture.SignInAsync(CaseDriver.Frontline);

        var response = await fran.SubmitFormAsync($"/cases/{reference}/apologize", new Dictionary<string, string>
        {
            ["Data.Words"] = "I'm so sorry about the shower.",
            [field] = value,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestBrowser.ReadAsync(response);
        Assert.Equal(Web.Infrastructure.Web.HostileInputFilter.OutOfDateMessage, page.QuerySelector("[data-testid=form-errors]")?.TextContent.Trim());
        Assert.Equal("I'm so sorry about the shower.", (page.QuerySelector("#Data_Words") as IHtmlTextAreaElement)?.Value);
        Assert.Equal(before, await driver.SnapshotAsync(reference));
    }

    [Fact]
    public async Task A_control_character_in_a_command_sent_by_code_is_refused_by_the_pipeline()
    {
        var command = CaseDriver.Complaint();
        command.WhatHappened = "It broke\0 again";

        var refusal = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => Fixture.SendAsync(command, CaseDriver.Frontline));

        Assert.Contains(refusal.Errors, e => e.PropertyName == "WhatHappened");
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task Step_pages_of_a_case_in_any_stage_say_what_is_possible_instead_of_failing()
    {
        var cases = await CasesInEveryStageAsync();
        using var sam = await Fixture.SignInAsync(CaseDriver.Supervisor);

        foreach (var (stage, reference) in cases)
        {
            var page = await sam.GetPageAsync($"/cases/{reference}/wait");
            var notAvailable = page.QuerySelector("[data-testid=not-available]")?.TextContent;
            if (stage is Stage.Closed or Stage.Withdrawn)
            {
                Assert.Contains("nothing more can be done on it", notAvailable, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_date_outside_the_supported_range_shows_the_default_period_with_a_note()
    {
        using var manager = await Fixture.SignInAsync(CaseDriver.Manager);

        var page = await manager.GetPageAsync("/compensation?from=9999-12-31&to=9999-12-31");

        Assert.StartsWith("Dates must be between 1 Jan 2000 and 31 Dec 2099", page.QuerySelector("[data-testid=period-note]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/compensation?handler=Export&from=0001-01-01&to=9999-12-31")).StatusCode);
    }

    /// <summary>Page routes from the app's endpoint data source, without the error page.</summary>
    private List<string> PagePatterns() => Fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        .Select(e => e.RoutePattern.RawText ?? "")
        .Where(p => !p.StartsWith("error", StringComparison.Ordinal) && !p.StartsWith("account/log", StringComparison.Ordinal)
            && !p.StartsWith("complain/problem", StringComparison.Ordinal))
        .Distinct()
        .Order()
        .ToList();

    private static List<string> Expand(string pattern, IEnumerable<string> references, Guid customerId, Guid userId)
    {
        var path = "/" + pattern.TrimStart('/');
        if (path.Contains("{reference}", StringComparison.Ordinal))
        {
            return [.. references.Select(r => path.Replace("{reference}", r, StringComparison.Ordinal))];
        }

        var id = path.StartsWith("/customers", StringComparison.Ordinal) ? customerId : userId;
        return [path.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)];
    }

    private async Task<Dictionary<Stage, string>> CasesInEveryStageAsync()
    {
        var driver = new CaseDriver(Fixture);
        var result = new Dictionary<Stage, string>();
        foreach (var stage in new[] { Stage.Logged, Stage.Fixed, Stage.AtonementPendingApproval, Stage.FollowUpDue, Stage.Closed, Stage.Withdrawn })
        {
            if (stage == Stage.AtonementPendingApproval)
            {
                var reference = await driver.LogAtAsync(Stage.Fixed);
                await driver.SendStepAsync(reference, new Features.Cases.Atone.Command { Gesture = GestureType.Refund, Amount = 300m, Description = "Two nights." });
                result[stage] = reference;
            }
            else
            {
                result[stage] = await driver.LogAtAsync(stage);
            }
        }

        return result;
    }

    private async Task<(HttpStatusCode Status, IHtmlDocument? Page)> GetAsync(TestBrowser browser, string url, string role)
    {
        var response = await browser.GetAsync(url);
        var html = await CheckAsync(response, $"GET {url} as {role}");
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? await TestBrowser.ParseAsync(html) : null);
    }

    private async Task SweepFormsAsync(TestBrowser browser, string url, string role)
    {
        var page = await TestBrowser.ParseAsync(await (await browser.GetAsync(url)).Content.ReadAsStringAsync());
        var forms = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().ToList();
        for (var i = 0; i < forms.Count; i++)
        {
            var names = forms[i].QuerySelectorAll("input[name], textarea[name], select[name]")
                .Select(f => f.GetAttribute("name")!)
                .Where(n => n != "__RequestVerificationToken")
                .Distinct()
                .ToList();
            foreach (var name in names)
            {
                foreach (var value in HostileValues)
                {
                    // A fresh copy of the page for each post: its token and hidden fields as a browser has them.
                    var response = await browser.SubmitAsync(forms[i], new Dictionary<string, string> { [name] = value }, url);
                    await CheckAsync(response, $"{forms[i].Method.ToUpperInvariant()} {url} form {i} as {role}: {name} = {Show(value)}");
                }
            }
        }
    }

    private async Task PostStaleFormsAsync(TestBrowser browser, IHtmlDocument page, string url, string pattern, List<string> urls, string role)
    {
        if (!pattern.Contains("{reference}", StringComparison.Ordinal))
        {
            return;
        }

        var reference = url.Split('/')[2];
        foreach (var form in page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Where(f => f.Method == "post"))
        {
            foreach (var other in urls.Where(u => u != url))
            {
                var otherReference = other.Split('/')[2];
                var values = TestBrowser.FormValues(form, new Dictionary<string, string>())
                    .Select(v => v.Key == "Data.Reference" ? new KeyValuePair<string, string>(v.Key, otherReference) : v)
                    .ToList();
                var action = form.GetAttribute("action");
                var target = string.IsNullOrEmpty(action) ? other : action.Replace(reference, otherReference, StringComparison.Ordinal);
                await CheckAsync(await browser.PostAsync(target, values), $"stale POST {target} (form of {url}) as {role}");
            }
        }
    }

    private async Task UnknownHandlerAsync(TestBrowser browser, IHtmlDocument page, string url, string role)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var handler = Uri.EscapeDataString("Fulfil¿'\"(");
        var post = await browser.PostAsync($"{url}?handler={handler}", [new("__RequestVerificationToken", token)]);
        await CheckAsync(post, $"POST {url}?handler=… as {role}", expectNotFound: true);
        var get = await browser.GetAsync($"{url}?handler=Nope");
        await CheckAsync(get, $"GET {url}?handler=Nope as {role}", expectNotFound: true);
    }

    private async Task<string> CheckAsync(HttpResponseMessage response, string what, bool expectNotFound = false)
    {
        _requests++;
        var html = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
        {
            _failures.Add($"{(int)response.StatusCode} on {what}");
        }
        else if (html.Contains("<script>alert(1)</script>", StringComparison.Ordinal))
        {
            _failures.Add($"unencoded echo on {what}");
        }
        else if (expectNotFound && response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden))
        {
            _failures.Add($"{(int)response.StatusCode} (expected 400/404) on {what}");
        }

        return html;
    }

    private static string Show(string value) => value.Length > 30 ? $"{value.Length} chars" : value.Replace("\0", "\\0", StringComparison.Ordinal);
}
