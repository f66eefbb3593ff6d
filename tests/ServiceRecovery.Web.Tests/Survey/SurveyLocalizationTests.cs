using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Survey;

/// <summary>
/// <c>?lang=vi</c> leaves no English on the survey pages. The check needs no list of strings: every piece of text a
/// person sees or hears (text, legends, labels, hints, messages, title, aria-labels, the submit button) is read from
/// the page in English and in Vietnamese, in the same state, and no piece may be the same in both. A string left out of
/// the localizer, or one without a translation, appears identically in both and fails the test.
/// </summary>
public sealed class SurveyLocalizationTests(WebFixture fixture) : WebTest(fixture)
{
    /// <summary>Text that is the same in both languages by design: the language names, numbers, the case reference, the organisation.</summary>
    private static bool IsNeutral(string text) =>
        text is "English" or "Tiếng Việt" or "Harbour View Hotel"
        || text.All(c => char.IsDigit(c) || char.IsWhiteSpace(c) || c is '=' or '–' or '-' or '.')
        || text.StartsWith("SR-", StringComparison.Ordinal);

    [Fact]
    public async Task No_english_is_left_on_the_survey_pages_in_vietnamese()
    {
        var driver = new SurveyDriver(Fixture);
        var reference = await driver.AtFollowUpAsync();
        var link = (await driver.LinkAsync(reference)).Split('?')[0];
        using var customer = Fixture.CreateBrowser();
        var pages = new List<(string Name, IHtmlDocument En, IHtmlDocument Vi)>();

        async Task<IHtmlDocument> Get(string url) => await customer.GetPageAsync(url);
        async Task<IHtmlDocument> Post(string url, Dictionary<string, string> fields) =>
            await TestBrowser.ReadAsync(await customer.SubmitFormAsync(url, fields, "form[data-testid=survey-form]"));

        pages.Add(("form", await Get(link + "?lang=en"), await Get(link + "?lang=vi")));
        // Every validation message: nothing chosen, a tampered choice, a control character, a comment too long.
        var empty = new Dictionary<string, string>();
        pages.Add(("form with every required message", await Post(link + "?lang=en", empty), await Post(link + "?lang=vi", empty)));
        var tampered = SurveyDriver.Answer(fixedIt: false, "cold\u0001water");
        tampered["Data.Csat"] = "abc";
        pages.Add(("form with unusable input", await Post(link + "?lang=en", tampered), await Post(link + "?lang=vi", tampered)));
        var tooLong = SurveyDriver.Answer(fixedIt: false, new string('w', 4001));
        tooLong["Data.Nps"] = "11";
        pages.Add(("form with a long comment", await Post(link + "?lang=en", tooLong), await Post(link + "?lang=vi", tooLong)));
        pages.Add(("unknown link", await Get("/s/unknown?lang=en"), await Get("/s/unknown?lang=vi")));
        foreach (var next in new[] { "Reopened", "ClosedAsRecovered", "Recorded" })
        {
            pages.Add(($"thanks {next}", await Get($"/s/thanks?lang=en&next={next}"), await Get($"/s/thanks?lang=vi&next={next}")));
        }

        await customer.SubmitFormAsync(link + "?lang=vi", SurveyDriver.Answer(fixedIt: false, "x"), "form[data-testid=survey-form]");
        pages.Add(("answered", await Get(link + "?lang=en"), await Get(link + "?lang=vi")));
        var other = await driver.AtFollowUpAsync(customerName: "Eve Expired", email: "eve@example.com");
        var expired = (await driver.LinkAsync(other)).Split('?')[0];
        await Fixture.ExecuteSqlAsync("UPDATE survey_invitations SET expires_at = now() - interval '1 minute' WHERE answered_at IS NULL");
        pages.Add(("expired", await Get(expired + "?lang=en"), await Get(expired + "?lang=vi")));

        var leftInEnglish = new List<string>();
        foreach (var (name, en, vi) in pages)
        {
            Assert.Equal("vi", vi.DocumentElement.GetAttribute("lang"));
            var english = Texts(en).ToHashSet();
            Assert.True(english.Count > 3, $"{name}: the English page shows almost nothing");
            leftInEnglish.AddRange(Texts(vi).Where(t => english.Contains(t) && !IsNeutral(t)).Select(t => $"{name}: “{t}”"));
        }

        Assert.True(leftInEnglish.Count == 0, "English left on the Vietnamese pages:\n" + string.Join("\n", leftInEnglish.Distinct()));
    }

    /// <summary>Every piece of text a person meets on the page, one entry per text node or attribute.</summary>
    private static IEnumerable<string> Texts(IHtmlDocument page)
    {
        yield return page.Title ?? "";
        foreach (var node in page.Body!.Descendants().OfType<IText>())
        {
            var text = node.Text.Trim();
            if (text.Length > 0 && node.ParentElement is not (IHtmlScriptElement or IHtmlStyleElement) && node.ParentElement?.LocalName != "textarea")
            {
                yield return text;
            }
        }

        foreach (var element in page.Body!.QuerySelectorAll("[aria-label], [title], [placeholder], input[type=submit], button[value]"))
        {
            foreach (var attribute in new[] { "aria-label", "title", "placeholder" })
            {
                if (element.GetAttribute(attribute) is { Length: > 0 } value)
                {
                    yield return value.Trim();
                }
            }
        }
    }
}
