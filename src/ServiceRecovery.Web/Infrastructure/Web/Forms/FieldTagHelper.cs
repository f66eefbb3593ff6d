using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ServiceRecovery.Web.Infrastructure.Web.Forms;

/// <summary>
/// One form field from one line: <c>&lt;sr-field for="Data.Words" label="The apology" hint="…" type="textarea" rows="4" /&gt;</c>
/// renders the Bootstrap block — label, control, hint and error — with the conventional name and ids
/// (see <see cref="FormField"/>). The control gets <c>aria-describedby</c> naming the hint and the error, and
/// <c>is-invalid</c> and <c>aria-invalid="true"</c> when ModelState holds an error for it. Every other attribute
/// (rows, maxlength, autocomplete, inputmode, autofocus, min, data-*, class) goes on the control as written;
/// <c>[StringLength]</c>/<c>[MaxLength]</c> give a maxlength and <c>[Required]</c> gives aria-required, unless written.
/// All text (label, hint, error, value) is HTML-encoded. The value shown is the model's (decimals as 0.##, dates as
/// yyyy-MM-dd, both invariant, as the form value provider reads them), unless a value is written; a password's value is never sent back.
/// </summary>
[HtmlTargetElement("sr-field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(HtmlEncoder encoder) : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    /// <summary>The label; the model's display name when absent.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    /// <summary>A muted remark after the label, e.g. "(optional)".</summary>
    [HtmlAttributeName("label-note")]
    public string? LabelNote { get; set; }

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    /// <summary>textarea, select, checkbox, or an input type (text when absent, number, date, email, tel, password…).</summary>
    [HtmlAttributeName("type")]
    public string Type { get; set; } = "text";

    /// <summary>A select's options; the one whose value is the model's is selected.</summary>
    [HtmlAttributeName("items")]
    public IEnumerable<SelectListItem>? Items { get; set; }

    /// <summary>A select's first option, with an empty value (e.g. "Choose…").</summary>
    [HtmlAttributeName("placeholder-option")]
    public string? PlaceholderOption { get; set; }

    /// <summary>The class of the wrapping div (for a checkbox, added to form-check).</summary>
    [HtmlAttributeName("field-class")]
    public string FieldClass { get; set; } = "mb-3";

    /// <summary>Marks the control invalid although its own key has no error (a page whose only field is the subject of its form-level errors).</summary>
    [HtmlAttributeName("invalid")]
    public bool Invalid { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var field = FormField.Of(ViewContext, For);
        var isCheckbox = Type == "checkbox";
        var value = Format(For.Model);

        output.TagMode = TagMode.StartTagAndEndTag;
        switch (Type)
        {
            case "textarea":
                output.TagName = "textarea";
                output.Content.AppendHtml(Environment.NewLine); // the parser drops one leading newline: keep the value's own
                output.Content.Append(value);
                break;
            case "select":
                output.TagName = "select";
                AppendOptions(output, value);
                break;
            default:
                output.TagName = "input";
                output.TagMode = TagMode.SelfClosing;
                output.Attributes.Insert(0, new TagHelperAttribute("type", Type));
                if (isCheckbox)
                {
                    output.Attributes.SetAttribute("value", "true");
                    if (For.Model is true)
                    {
                        output.Attributes.SetAttribute(new TagHelperAttribute("checked", "checked"));
                    }
                }
                else if (Type != "password" && value is not null && !output.Attributes.ContainsName("value"))
                {
                    output.Attributes.SetAttribute("value", value);
                }

                break;
        }

        output.Attributes.Insert(0, new TagHelperAttribute("name", field.Name));
        output.Attributes.Insert(0, new TagHelperAttribute("id", field.Id));
        output.AddClass(Type switch { "select" => "form-select", "checkbox" => "form-check-input", _ => "form-control" }, encoder);
        AddAnnotations(output);
        output.Attributes.SetAttribute("aria-describedby", Hint is null ? field.ErrorId : $"{field.HintId} {field.ErrorId}");
        if (field.Error is not null || Invalid)
        {
            output.AddClass("is-invalid", encoder);
            output.Attributes.SetAttribute("aria-invalid", "true");
        }

        var wrapper = new TagBuilder("div");
        var wrapperClass = isCheckbox ? $"form-check {FieldClass}".Trim() : FieldClass;
        if (wrapperClass.Length > 0)
        {
            wrapper.AddCssClass(wrapperClass);
        }

        var label = LabelElement(field, isCheckbox ? "form-check-label" : "form-label");
        output.PreElement.AppendHtml(wrapper.RenderStartTag());
        if (!isCheckbox)
        {
            output.PreElement.AppendHtml(label);
        }
        else
        {
            output.PostElement.AppendHtml(label);
        }

        if (Hint is not null)
        {
            var hint = new TagBuilder("div");
            hint.AddCssClass("form-text");
            hint.Attributes["id"] = field.HintId;
            hint.InnerHtml.Append(Hint);
            output.PostElement.AppendHtml(hint);
        }

        output.PostElement.AppendHtml(field.ErrorElement());
        output.PostElement.AppendHtml(wrapper.RenderEndTag());
    }

    private TagBuilder LabelElement(FormField field, string css)
    {
        var label = new TagBuilder("label");
        label.AddCssClass(css);
        label.Attributes["for"] = field.Id;
        label.InnerHtml.Append(Label ?? For.Metadata.GetDisplayName());
        if (LabelNote is not null)
        {
            var note = new TagBuilder("span");
            note.AddCssClass("text-body-secondary");
            note.InnerHtml.Append(LabelNote);
            label.InnerHtml.Append(" ").AppendHtml(note);
        }

        return label;
    }

    private void AppendOptions(TagHelperOutput output, string? value)
    {
        if (PlaceholderOption is not null)
        {
            output.Content.AppendHtml(Option(PlaceholderOption, "", selected: false));
        }

        // Items with a Group are wrapped in an <optgroup> per group (consecutive items of one group); an option listed
        // twice (e.g. in a "suggested" group and in its own) is selected once, the first time.
        var selectedOnce = false;
        TagBuilder? optgroup = null;
        foreach (var item in Items ?? [])
        {
            var selected = !selectedOnce && (item.Selected || (value is not null && item.Value == value));
            selectedOnce |= selected;
            var option = Option(item.Text, item.Value, selected);
            if (item.Group is null)
            {
                FlushGroup();
                output.Content.AppendHtml(option);
                continue;
            }

            if (optgroup?.Attributes["label"] != item.Group.Name)
            {
                FlushGroup();
                optgroup = new TagBuilder("optgroup");
                optgroup.Attributes["label"] = item.Group.Name;
            }

            optgroup.InnerHtml.AppendHtml(option);
        }

        FlushGroup();

        void FlushGroup()
        {
            if (optgroup is not null)
            {
                output.Content.AppendHtml(optgroup);
                optgroup = null;
            }
        }
    }

    private static TagBuilder Option(string text, string value, bool selected)
    {
        var option = new TagBuilder("option");
        option.Attributes["value"] = value;
        if (selected)
        {
            option.Attributes["selected"] = "selected";
        }

        option.InnerHtml.Append(text);
        return option;
    }

    private void AddAnnotations(TagHelperOutput output)
    {
        var annotations = For.Metadata.ValidatorMetadata;
        var maxLength = annotations.OfType<StringLengthAttribute>().Select(a => (int?)a.MaximumLength).FirstOrDefault()
            ?? annotations.OfType<MaxLengthAttribute>().Select(a => (int?)a.Length).FirstOrDefault();
        if (maxLength is { } max && !output.Attributes.ContainsName("maxlength"))
        {
            output.Attributes.SetAttribute("maxlength", max.ToString(CultureInfo.InvariantCulture));
        }

        // aria-required, not required: the forms are novalidate so that the server's own messages show.
        if (annotations.OfType<RequiredAttribute>().Any())
        {
            output.Attributes.SetAttribute("aria-required", "true");
        }
    }

    private static string? Format(object? model) => model switch
    {
        null => null,
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}
