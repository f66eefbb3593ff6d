using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ServiceRecovery.Web.Infrastructure.Web.Forms;

/// <summary>
/// <c>&lt;sr-fieldset for="Data.Reason" legend="Why?"&gt;…radios or checkboxes…&lt;/sr-fieldset&gt;</c>: a group of
/// choices written by hand (each option has its own layout and help), with the legend and the group's error,
/// which the fieldset names in <c>aria-describedby</c>.
/// </summary>
[HtmlTargetElement("sr-fieldset", Attributes = "for,legend")]
public sealed class FieldsetTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeName("legend")]
    public string Legend { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var field = FormField.Of(ViewContext, For);
        output.TagName = "fieldset";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (!output.Attributes.ContainsName("class"))
        {
            output.Attributes.SetAttribute("class", "mb-3");
        }

        output.Attributes.SetAttribute("aria-describedby", field.ErrorId);
        var legend = new TagBuilder("legend");
        legend.AddCssClass("form-label fs-6");
        legend.InnerHtml.Append(Legend);
        output.PreContent.AppendHtml(legend);
        output.PostContent.AppendHtml(field.ErrorElement());
    }
}
