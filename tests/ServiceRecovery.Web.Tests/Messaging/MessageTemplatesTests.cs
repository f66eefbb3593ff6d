using ServiceRecovery.Web.Infrastructure.Messaging;

namespace ServiceRecovery.Web.Tests.Messaging;

/// <summary>Templates render their three parts, encode merge fields in the HTML only, and keep the subject on one line.</summary>
public sealed class MessageTemplatesTests
{
    private static readonly MessageTemplates Templates = new();

    private static Dictionary<string, object?> Fields(string name) => new()
    {
        ["name"] = name,
        ["reference"] = "SR-2026-000042",
        ["organisation"] = "Harbour Hotel",
    };

    [Fact]
    public void Merge_fields_are_html_encoded_in_the_html_part_and_left_as_typed_in_the_text()
    {
        var message = Templates.Render(MessageKinds.ComplaintAcknowledged, "en", Fields("<script>alert('x')</script> & Ana"));

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; Ana", message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.Html, StringComparison.Ordinal);
        Assert.Contains("Dear <script>alert('x')</script> & Ana,", message.Text, StringComparison.Ordinal);
        Assert.Equal("We have your complaint: SR-2026-000042", message.Subject);
    }

    [Fact]
    public void A_line_break_in_a_merge_field_never_reaches_the_subject()
    {
        var fields = Fields("Ana");
        fields["reference"] = "SR-1\r\nBcc: everyone@example.com";

        var message = Templates.Render(MessageKinds.ComplaintAcknowledged, "en", fields);

        Assert.DoesNotContain('\n', message.Subject);
        Assert.DoesNotContain('\r', message.Subject);
    }

    [Fact]
    public void The_vietnamese_template_is_used_for_vi_and_keeps_emoji_and_right_to_left_text()
    {
        var message = Templates.Render(MessageKinds.ComplaintAcknowledged, "vi", Fields("Nguyễn 😊 مرحبا"));

        Assert.StartsWith("Chúng tôi đã nhận được khiếu nại", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Kính gửi Nguyễn 😊 مرحبا,", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_language_we_do_not_write_in_is_refused()
    {
        Assert.Throws<Domain.Common.DomainException>(() => Templates.Render(MessageKinds.ComplaintAcknowledged, "fr", Fields("Ana")));
    }
}

/// <summary>The digest template lists its cases (a list of field dictionaries), encoded in the HTML.</summary>
public sealed class DigestTemplateTests
{
    [Fact]
    public void The_digest_lists_each_case_with_its_link()
    {
        var cases = new List<IReadOnlyDictionary<string, object?>>
        {
            new Dictionary<string, object?> { ["reference"] = "SR-2026-000007", ["customer"] = "Ana <b>", ["due"] = "1 Dec 2026", ["overdue"] = true, ["url"] = "http://x/cases/SR-2026-000007" },
        };
        var message = new MessageTemplates().Render(MessageKinds.FollowUpsDueToday, "en", new Dictionary<string, object?>
        {
            ["owner_name"] = "Fran", ["organisation"] = "Harbour", ["today"] = "Monday", ["count"] = 1, ["cases"] = cases, ["my_cases_url"] = "http://x/cases/mine",
        });

        Assert.Equal("Follow-ups due today: 1 case", message.Subject);
        Assert.Contains("- SR-2026-000007 - Ana <b> - due 1 Dec 2026 (overdue)\n  http://x/cases/SR-2026-000007", message.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://x/cases/SR-2026-000007\">SR-2026-000007</a></td><td>Ana &lt;b&gt;</td>", message.Html, StringComparison.Ordinal);
    }
}
