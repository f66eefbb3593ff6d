using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Public;

/// <summary>
/// Every public page, in every state it can be in, rendered in English and in Vietnamese: the Vietnamese rendering may
/// not keep a single visible text (text node, title, aria-label, hint) of the English one, but for the organisation's
/// name, the language names and what the visitor typed. A text someone forgot to put through the localizer, or to
/// translate in the resx, renders the same in both and fails here.
/// </summary>
public sealed class PublicLocalizationTests(WebFixture fixture) : WebTest(fixture)
{
    private static readonly HashSet<string> SameInBothLanguages = ["English", "Tiếng Việt", "Harbour View Hotel", "·"];

    [Fact]
    public async Task The_language_comes_from_the_query_then_accept_language_then_english()
    {
        using var visitor = Fixture.CreateBrowser();
        Assert.Equal("en", (await visitor.GetPageAsync("/complain")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("vi", (await visitor.GetPageAsync("/complain?lang=vi")).DocumentElement.GetAttribute("lang"));

        visitor.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("vi-VN,vi;q=0.9,en;q=0.5");
        var page = await visitor.GetPageAsync("/complain");
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Phản ánh sự cố với chúng tôi", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal("en", (await visitor.GetPageAsync("/complain?lang=en")).DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task No_english_is_left_on_any_public_page_in_vietnamese()
    {
        using var visitor = Fixture.CreateBrowser();
        var pages = new Dictionary<string, Func<string, Task<IHtmlDocument>>>
        {
            ["the form"] = lang => visitor.GetPageAsync($"/complain?lang={lang}"),
            ["the form with every kind of message"] = async lang => await TestBrowser.ReadAsync(await visitor.SubmitFormAsync($"/complain?lang={lang}", new Dictionary<string, string>
            {
                ["Data.Phone"] = "12",
                ["Data.Email"] = "not-an-email",
                ["Data.Value"] = "-3.456",
                ["Data.Expected"] = "cool\u0001room",
                ["Data.BookingReference"] = new string('x', 65),
                ["Data.Started"] = "forged",
            })),
            ["the form with a value that is not a number"] = async lang => await TestBrowser.ReadAsync(await visitor.SubmitFormAsync($"/complain?lang={lang}", new Dictionary<string, string>
            {
                ["Data.Value"] = "lots",
                ["Data.RequestId"] = "not-a-guid",
            })),
            ["the acknowledgement"] = async lang =>
            {
                var post = await visitor.SubmitFormAsync($"/complain?lang={lang}", PublicFormTests.Complaint());
                Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
                return await visitor.GetPageAsync(post.Headers.Location!.OriginalString);
            },
            ["an acknowledgement no longer available"] = lang => visitor.GetPageAsync($"/complain/received?lang={lang}"),
            ["a page not found"] = lang => visitor.GetPageAsync($"/complain?handler=Nope&lang={lang}", HttpStatusCode.NotFound),
            ["an unknown address under the form"] = lang => visitor.GetPageAsync($"/complain/nope?lang={lang}", HttpStatusCode.NotFound),
            ["an unknown address under the survey"] = lang => visitor.GetPageAsync($"/s/abc/def?lang={lang}", HttpStatusCode.NotFound),
            ["a form that cannot be read"] = async lang =>
            {
                var fields = PublicFormTests.Complaint();
                fields["Data.WhatHappened"] = "broken\0";
                var post = await visitor.SubmitFormAsync($"/complain?lang={lang}", fields);
                Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
                return await TestBrowser.ReadAsync(post);
            },
        };

        var leftovers = new List<string>();
        foreach (var (name, render) in pages)
        {
            var english = Texts(await render("en"));
            var vietnamese = await render("vi");
            Assert.Equal("vi", vietnamese.DocumentElement.GetAttribute("lang"));
            leftovers.AddRange(Texts(vietnamese).Intersect(english).Select(t => $"{name}: \"{t}\""));
        }

        Assert.True(leftovers.Count == 0, "English left on Vietnamese pages:\n" + string.Join("\n", leftovers));
    }

    [Fact]
    public async Task The_too_many_requests_page_is_in_vietnamese_too()
    {
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString, new Dictionary<string, string?> { ["RateLimits:ComplaintsPerIpPerMinute"] = "1" });
        using var visitor = new TestBrowser(factory.CreateBrowserClient());
        await visitor.SubmitFormAsync("/complain", PublicFormTests.Complaint());

        var english = await visitor.SubmitFormAsync("/complain?lang=en", PublicFormTests.Complaint());
        var vietnamese = await visitor.SubmitFormAsync("/complain?lang=vi", PublicFormTests.Complaint());

        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests), (english.StatusCode, vietnamese.StatusCode));
        // The seconds to wait may differ by one between the two answers.
        static IEnumerable<string> WithoutNumbers(IEnumerable<string> texts) => texts.Select(t => System.Text.RegularExpressions.Regex.Replace(t, "[0-9]+", "#"));
        var left = WithoutNumbers(Texts(await TestBrowser.ReadAsync(vietnamese))).Intersect(WithoutNumbers(Texts(await TestBrowser.ReadAsync(english)))).ToList();
        Assert.True(left.Count == 0, "English left on the Vietnamese 429 page: " + string.Join(" | ", left));
    }

    /// <summary>What a person sees or hears of a page, but for what they typed themselves (form values).</summary>
    private static HashSet<string> Texts(IHtmlDocument page)
    {
        var texts = new HashSet<string> { page.Title?.Trim() ?? "" };
        foreach (var node in page.Body!.Descendants().OfType<IText>())
        {
            if (node.ParentElement is IHtmlScriptElement or IHtmlStyleElement or IHtmlTextAreaElement)
            {
                continue;
            }

            texts.Add(Normalise(node.Data));
        }

        foreach (var element in page.Body!.QuerySelectorAll("[aria-label], [title], [placeholder]"))
        {
            foreach (var attribute in new[] { "aria-label", "title", "placeholder" })
            {
                texts.Add(Normalise(element.GetAttribute(attribute) ?? ""));
            }
        }

        texts.RemoveWhere(t => t.Length == 0 || SameInBothLanguages.Contains(t) || System.Text.RegularExpressions.Regex.IsMatch(t, "^(SR-[0-9-]+|[0-9.,·()\\s-]+)$"));
        return texts;
    }

    private static string Normalise(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ").Trim();
}
