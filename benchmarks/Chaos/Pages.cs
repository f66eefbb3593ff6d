using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ServiceRecovery.Chaos;

/// <summary>What a browser would send for a form: its fields as they are on the page, then what the person typed.</summary>
internal sealed class FormData
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>Every successful control of the form (hidden fields and the antiforgery token included).</summary>
    public static FormData Read(IHtmlFormElement form)
    {
        var data = new FormData();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    if (input.Type is "submit" or "button" or "image" or "reset" or "file")
                    {
                        break;
                    }

                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        break;
                    }

                    data._pairs.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement textArea when !string.IsNullOrEmpty(textArea.Name) && !textArea.IsDisabled:
                    data._pairs.Add(new(textArea.Name!, textArea.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !select.IsDisabled:
                    data._pairs.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }

        return data;
    }

    public string? Get(string name) => _pairs.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Replaces the field's value (or adds it, like ticking a box or choosing a radio button).</summary>
    public void Set(string name, string value)
    {
        _pairs.RemoveAll(p => p.Key == name);
        _pairs.Add(new(name, value));
    }
}

internal static class Pages
{
    /// <summary>The text on the 503 page (Features/Errors/Error.cshtml).</summary>
    public const string NothingSaved = "nothing was saved";

    /// <summary>The 503 page when the database went away during the COMMIT itself: the outcome is unknown.</summary>
    public const string CannotTell = "we cannot tell whether it was";

    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html)
    {
        lock (Parser)
        {
            return Parser.ParseDocument(html);
        }
    }

    /// <summary>The form that carries <paramref name="field"/> (e.g. Data.RequestId), or null.</summary>
    public static IHtmlFormElement? FormWith(IDocument page, string field) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.QuerySelector($"[name='{field}']") is not null);

    /// <summary>A one-line summary of a page for the anomaly log: title, heading, messages, exception (Development).</summary>
    public static string Gist(string html)
    {
        try
        {
            var page = Parse(html);
            var parts = new List<string>();
            Add(parts, "title", page.Title);
            Add(parts, "h1", page.QuerySelector("h1")?.TextContent);
            Add(parts, "text", page.QuerySelector("[data-testid=error-page] p")?.TextContent);
            Add(parts, "messages", page.QuerySelector("[data-testid=form-errors]")?.TextContent);
            Add(parts, "field-errors", string.Join(" / ", page.QuerySelectorAll(".invalid-feedback").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)));
            Add(parts, "not-available", page.QuerySelector("[data-testid=not-available]")?.TextContent);
            Add(parts, "changed", page.QuerySelector("[data-testid=case-changed]")?.TextContent);
            Add(parts, "request-id", page.QuerySelector("[data-testid=request-id]")?.TextContent);
            var detail = page.QuerySelector("details pre")?.TextContent;
            if (detail is not null)
            {
                Add(parts, "exception", string.Join(" | ", detail.Split('\n').Take(3)));
            }

            return parts.Count == 0 ? Squash(html, 200) : string.Join("; ", parts);
        }
#pragma warning disable CA1031 // a summary for a log line: never let it fail the run
        catch (Exception)
#pragma warning restore CA1031
        {
            return Squash(html, 200);
        }
    }

    private static void Add(List<string> parts, string name, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            parts.Add($"{name}: {Squash(text, 300)}");
        }
    }

    private static string Squash(string text, int max)
    {
        var s = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return s.Length <= max ? s : s[..max] + "…";
    }
}
