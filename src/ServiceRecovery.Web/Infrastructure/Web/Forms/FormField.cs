using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ServiceRecovery.Web.Infrastructure.Web.Forms;

/// <summary>
/// The names and ids of one form field, by convention, and its first error. For <c>Data.Words</c>:
/// name <c>Data.Words</c> (what the model binder reads), id <c>Data_Words</c>, hint <c>words-help</c>,
/// error <c>words-error</c> — the ids drop the form model's name (Data, Input, Bulk).
/// </summary>
public sealed class FormField
{
    private FormField(string name, string? error)
    {
        Name = name;
        Id = TagBuilder.CreateSanitizedId(name, "_");
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var stem = TagBuilder.CreateSanitizedId(dot < 0 ? name : name[(dot + 1)..], "-").ToLowerInvariant();
        HintId = $"{stem}-help";
        ErrorId = $"{stem}-error";
        Error = error;
    }

    public string Name { get; }

    public string Id { get; }

    public string HintId { get; }

    public string ErrorId { get; }

    /// <summary>The first error the page's ModelState holds for this field, or null.</summary>
    public string? Error { get; }

    public static FormField Of(ViewContext viewContext, ModelExpression expression)
    {
        ArgumentNullException.ThrowIfNull(viewContext);
        ArgumentNullException.ThrowIfNull(expression);
        // The full name honours a partial's HtmlFieldPrefix (see Admin/Users/_UserFields.cshtml).
        var name = viewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(expression.Name);
        var error = viewContext.ModelState.TryGetValue(name, out var entry)
            ? entry.Errors.Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m))
            : null;
        return new FormField(name, error);
    }

    /// <summary><c>&lt;span class="invalid-feedback d-block" id="…-error"&gt;</c> with the error, encoded; empty when there is none.</summary>
    public TagBuilder ErrorElement()
    {
        var span = new TagBuilder("span");
        span.AddCssClass("invalid-feedback d-block");
        span.Attributes["id"] = ErrorId;
        if (Error is not null)
        {
            span.InnerHtml.Append(Error);
        }

        return span;
    }
}
