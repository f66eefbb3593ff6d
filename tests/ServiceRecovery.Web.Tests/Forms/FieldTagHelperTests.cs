using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using ServiceRecovery.Web.Infrastructure.Web.Forms;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Forms;

/// <summary>&lt;sr-field&gt; on its own: what it renders for a field, without a page or a database.</summary>
public sealed class FieldTagHelperTests
{
    private const string Hostile = "</textarea><script>alert('x')</script><b>bold</b>";

    public sealed class Form
    {
        public string? Words { get; set; }

        public bool Agreed { get; set; }
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync(Form model, string property, Action<FieldTagHelper> configure, string? error = null)
    {
        var metadata = new EmptyModelMetadataProvider();
        var viewContext = new ViewContext { HttpContext = new DefaultHttpContext(), ViewData = new ViewDataDictionary(metadata, new ModelStateDictionary()) };
        if (error is not null)
        {
            viewContext.ModelState.AddModelError($"Data.{property}", error);
        }

        var helper = new FieldTagHelper(HtmlEncoder.Default)
        {
            For = new ModelExpression($"Data.{property}", metadata.GetModelExplorerForType(typeof(Form), model).GetExplorerForProperty(property)),
            ViewContext = viewContext,
        };
        configure(helper);
        var output = new TagHelperOutput("sr-field", [new TagHelperAttribute("rows", "4")], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));

        helper.Process(new TagHelperContext("sr-field", [], new Dictionary<object, object>(), "test"), output);

        await using var html = new StringWriter();
        output.WriteTo(html, HtmlEncoder.Default);
        return await TestBrowser.ParseAsync(html.ToString());
    }

    [Fact]
    public async Task User_text_in_the_value_the_error_the_label_and_the_hint_is_encoded()
    {
        var page = await RenderAsync(new Form { Words = Hostile }, "Words", h => { h.Type = "textarea"; h.Label = Hostile; h.Hint = Hostile; }, error: Hostile);

        Assert.Empty(page.QuerySelectorAll("script, b"));
        Assert.Equal(Hostile, page.QuerySelector("textarea#Data_Words")?.TextContent);
        Assert.Equal(Hostile, page.QuerySelector("#words-error")?.TextContent);
        Assert.Equal(Hostile, page.QuerySelector("#words-help")?.TextContent);
        Assert.Equal(Hostile, page.QuerySelector("label[for=Data_Words]")?.TextContent);
    }

    [Fact]
    public async Task A_field_with_an_error_is_invalid_and_described_by_its_hint_and_its_error()
    {
        var page = await RenderAsync(new Form(), "Words", h => h.Hint = "A hint.", error: "Write the words.");

        var input = page.QuerySelector("input#Data_Words");
        Assert.NotNull(input);
        Assert.Equal("Data.Words", input.GetAttribute("name"));
        Assert.Equal("4", input.GetAttribute("rows"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("is-invalid", input.ClassList);
        Assert.Equal(["words-help", "words-error"], input.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("Write the words.", page.GetElementById("words-error")?.TextContent);
    }

    [Fact]
    public async Task A_field_without_an_error_is_not_marked_invalid()
    {
        var page = await RenderAsync(new Form { Words = "Sorry." }, "Words", _ => { });

        var input = page.QuerySelector("input#Data_Words");
        Assert.Null(input?.GetAttribute("aria-invalid"));
        Assert.DoesNotContain("is-invalid", input!.ClassList);
        Assert.Equal("Sorry.", input.GetAttribute("value"));
        Assert.Equal("words-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("", page.GetElementById("words-error")?.TextContent);
    }

    [Fact]
    public async Task A_checkbox_posts_true_and_is_checked_from_the_model()
    {
        var page = await RenderAsync(new Form { Agreed = true }, "Agreed", h => { h.Type = "checkbox"; h.Label = "I agree"; });

        var box = page.QuerySelector("div.form-check > input.form-check-input#Data_Agreed[type=checkbox]");
        Assert.NotNull(box);
        Assert.Equal("true", box.GetAttribute("value"));
        Assert.True(box.HasAttribute("checked"));
        Assert.Equal("I agree", page.QuerySelector("label.form-check-label[for=Data_Agreed]")?.TextContent);
    }
}
