using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// Renders a message from its Liquid template (<c>Templates/{kind}.{language}.liquid</c>, embedded in the assembly).
/// A template has three parts, each starting on a line of its own: <c>=== subject</c>, <c>=== text</c> and
/// <c>=== html</c>. In the HTML part every merge field is HTML-encoded (Fluid encodes output through the encoder it is
/// given); the subject and the plain text are not HTML, so they are rendered as they are. Fields are strings, numbers,
/// or lists of field dictionaries (for digests).
/// </summary>
public sealed class MessageTemplates
{
    private const string Marker = "=== ";

    private static readonly FluidParser Parser = new();

    private readonly ConcurrentDictionary<(string Kind, string Language), ParsedTemplate> _cache = new();

    private readonly TemplateOptions _options = new();

    public RenderedMessage Render(string kind, string language, IReadOnlyDictionary<string, object?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var template = _cache.GetOrAdd((kind, CustomerLanguages.Require(language)), key => Load(key.Kind, key.Language));
        var context = new TemplateContext(_options);
        foreach (var (name, value) in fields)
        {
            context.SetValue(name, ToFluid(value));
        }

        var subject = template.Subject.Render(context, NullEncoder.Default).Trim();
        // One line: a subject never carries a line break into the mail headers, whatever a merge field held.
        subject = string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var text = template.Text.Render(context, NullEncoder.Default).Trim() + "\n";
        var html = template.Html.Render(context, HtmlEncoder.Default).Trim() + "\n";
        return new RenderedMessage(subject, text, html);
    }

    /// <summary>Whether a template exists for the kind and language (MessageTemplatesTests).</summary>
    public static bool Exists(string kind, string language) =>
        typeof(MessageTemplates).Assembly.GetManifestResourceInfo(ResourceName(kind, language)) is not null;

    private static FluidValue ToFluid(object? value) => value switch
    {
        null => NilValue.Instance,
        string s => new StringValue(s),
        int i => NumberValue.Create(i),
        long l => NumberValue.Create(l),
        decimal d => NumberValue.Create(d),
        bool b => BooleanValue.Create(b),
        // A dictionary value (not ObjectValue, whose members are looked up as .NET properties): {{ c.reference }} works.
        IReadOnlyDictionary<string, object?> map => new DictionaryValue(new FluidValueDictionaryFluidIndexable(
            map.ToDictionary(kv => kv.Key, kv => ToFluid(kv.Value)))),
        System.Collections.IEnumerable list => new ArrayValue(list.Cast<object?>().Select(ToFluid).ToArray()),
        _ => new StringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
    };

    private static string ResourceName(string kind, string language) =>
        $"ServiceRecovery.Web.Infrastructure.Messaging.Templates.{kind}.{language}.liquid";

    private static ParsedTemplate Load(string kind, string language)
    {
        using var stream = typeof(MessageTemplates).Assembly.GetManifestResourceStream(ResourceName(kind, language))
            ?? throw new InvalidOperationException($"No message template {kind}.{language}.liquid (Infrastructure/Messaging/Templates).");
        using var reader = new StreamReader(stream);
        var parts = Split(reader.ReadToEnd(), kind, language);
        return new ParsedTemplate(Parse(parts["subject"], kind, language), Parse(parts["text"], kind, language), Parse(parts["html"], kind, language));
    }

    private static Dictionary<string, string> Split(string source, string kind, string language)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var body = new System.Text.StringBuilder();
        foreach (var line in source.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    parts[current] = body.ToString();
                }

                current = line[Marker.Length..].Trim();
                body.Clear();
            }
            else if (current is not null)
            {
                body.Append(line).Append('\n');
            }
        }

        if (current is not null)
        {
            parts[current] = body.ToString();
        }

        foreach (var required in new[] { "subject", "text", "html" })
        {
            if (!parts.ContainsKey(required))
            {
                throw new InvalidOperationException($"Message template {kind}.{language}.liquid has no \"{Marker}{required}\" part.");
            }
        }

        return parts;
    }

    private static IFluidTemplate Parse(string source, string kind, string language) =>
        Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Message template {kind}.{language}.liquid does not parse: {error}");

    private sealed record ParsedTemplate(IFluidTemplate Subject, IFluidTemplate Text, IFluidTemplate Html);
}
