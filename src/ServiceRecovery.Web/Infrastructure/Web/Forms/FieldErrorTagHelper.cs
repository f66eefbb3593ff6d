using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ServiceRecovery.Web.Infrastructure.Web.Forms;

/// <summary>
/// <c>&lt;sr-error for="Data.CustomerId" /&gt;</c>: the error of a field whose input is written by hand (a hidden
/// field, a bulk form), as <c>&lt;span class="invalid-feedback d-block" id="customerid-error"&gt;</c>.
/// Other attributes (class, data-testid) are kept.
/// </summary>
[HtmlTargetElement("sr-error", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var error = FormField.Of(ViewContext, For).ErrorElement();
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.MergeAttributes(error);
        output.Content.SetHtmlContent(error.InnerHtml);
    }
}
