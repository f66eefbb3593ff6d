using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ServiceRecovery.Web.Tests.Infrastructure;

/// <summary>
/// An HttpClient that behaves like a person's browser: keeps cookies, reads the page's form (including its
/// antiforgery token) and posts it back with the fields the test fills in.
/// </summary>
public sealed class TestBrowser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<HttpResponseMessage> GetAsync(string url) => await Client.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {expected}, got {response.StatusCode}\n{Excerpt(html)}");
        return await ParseAsync(html);
    }

    /// <summary>
    /// Loads <paramref name="url"/>, takes the form (the first one matching <paramref name="formSelector"/>
    /// in main content), sets <paramref name="fields"/> and submits it like the submit button would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, IDictionary<string, string> fields, string formSelector = "main form")
    {
        var page = await GetPageAsync(url);
        return await SubmitFormAsync(page, fields, formSelector, url);
    }

    public Task<HttpResponseMessage> SubmitFormAsync(IHtmlDocument page, IDictionary<string, string> fields, string formSelector, string pageUrl)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        return SubmitAsync(form, fields, pageUrl);
    }

    /// <summary>Submits <paramref name="form"/> (GET or POST, as its method says) with <paramref name="fields"/> set.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlFormElement form, IDictionary<string, string> fields, string pageUrl)
    {
        var values = FormValues(form, fields);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
        {
            var path = target.Split('?')[0];
            var query = string.Join("&", values.Select(v => Uri.EscapeDataString(v.Key) + "=" + Uri.EscapeDataString(v.Value)));
            return await GetAsync(query.Length == 0 ? path : path + "?" + query);
        }

        return await PostAsync(target, values);
    }

    /// <summary>What the browser would send for <paramref name="form"/>: its fields as loaded, with <paramref name="fields"/> set.</summary>
    public static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form, IDictionary<string, string> fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (fields.ContainsKey(name) || fields.ContainsKey(name + "[]"))
            {
                continue;
            }

            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    values.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" }:
                    break;
                case IHtmlInputElement i:
                    values.Add(new(name, i.Value));
                    break;
                case IHtmlTextAreaElement t:
                    values.Add(new(name, t.Value));
                    break;
                case IHtmlSelectElement s:
                    values.Add(new(name, s.Value ?? ""));
                    break;
            }
        }

        foreach (var (name, value) in fields)
        {
            // "Data.Roles" = "Frontline,Manager" sets several values of one field.
            foreach (var v in name.EndsWith("[]", StringComparison.Ordinal) ? value.Split(',') : [value])
            {
                values.Add(new(name.TrimEnd('[', ']'), v));
            }
        }

        return values;
    }

    public async Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> values)
    {
        using var content = new FormUrlEncodedContent(values);
        return await Client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        SubmitFormAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static async Task<IHtmlDocument> ParseAsync(string html)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return (IHtmlDocument)await context.OpenAsync(req => req.Content(html));
    }

    public static async Task<IHtmlDocument> ReadAsync(HttpResponseMessage response) =>
        await ParseAsync(await response.Content.ReadAsStringAsync());

    public static string Excerpt(string html) => html.Length > 1500 ? html[..1500] : html;

    public void Dispose() => Client.Dispose();
}
