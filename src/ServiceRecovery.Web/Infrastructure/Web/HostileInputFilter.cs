using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// The one place where input that no page can use is refused, before any handler runs (registered for every page):
/// <list type="bullet">
/// <item>an unknown page handler (<c>?handler=…</c> that the page does not have) is a 404, never the page rendered
/// without its handler;</item>
/// <item>a control character (NUL and the rest of C0 but tab, CR and LF) in the address — path or query string — is a
/// 400 with a page that says so;</item>
/// <item>a control character in a form field becomes that field's message; form-state fields that do not parse
/// (<see cref="FormStateFields"/>: version, timeline position, request id, concurrency stamp, cursor) become one
/// "this form is out of date" message. <see cref="CommandRefusalFilter"/> makes form pages send
/// nothing while the page has such messages.</item>
/// </list>
/// Together with the command pipeline's own check (<see cref="Mediation.ValidationBehavior{TRequest,TResponse}"/>) and
/// the domain's guards, nothing with a NUL reaches PostgreSQL.
/// </summary>
public sealed class HostileInputFilter : IAsyncPageFilter
{
    public const string OutOfDateMessage = "This form is out of date — reload the page and try again.";

    public const string AddressMessage =
        "The address contains a control character (such as NUL) that is not allowed. Remove it from the address, or go back and use the page's own links and forms.";

    /// <summary>Key of <see cref="HttpContext.Items"/> for the error page's explanation of a 400.</summary>
    public const string ErrorDetailKey = "sr:error-detail";

    /// <summary>Hidden fields a person never types: when they do not parse, the form was tampered with or is stale.</summary>
    public static readonly IReadOnlySet<string> FormStateFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Version", "SeenSequence", "RequestId", "ConcurrencyStamp", "After", "AtonementId", "CustomerId", "Id",
    };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;

        if (IsUnknownHandler(context))
        {
            context.Result = new NotFoundResult();
            return;
        }

        if (AddressHasControlCharacters(context))
        {
            context.HttpContext.Items[ErrorDetailKey] = AddressMessage;
            context.Result = new BadRequestResult();
            return;
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            foreach (var (key, values) in form)
            {
                if (values.Any(ControlCharacters.Any) || ControlCharacters.Any(key))
                {
                    context.ModelState.AddModelError(ControlCharacters.Any(key) ? string.Empty : key, $"This field {ControlCharacters.Message}");
                }
            }
        }

        MarkStaleFormState(context.ModelState);
        await next();
    }

    /// <summary>
    /// A handler name was asked for that the page does not have (Razor Pages would otherwise run the page's unnamed
    /// handler, or none at all and render a page whose model was never loaded).
    /// </summary>
    private static bool IsUnknownHandler(PageHandlerExecutingContext context)
    {
        var asked = context.RouteData.Values.TryGetValue("handler", out var routeHandler) && routeHandler is string fromRoute
            ? fromRoute
            : context.HttpContext.Request.Query.TryGetValue("handler", out var fromQuery) ? fromQuery.ToString() : null;
        if (context.HandlerMethod is null)
        {
            return context.ActionDescriptor.HandlerMethods.Count > 0;
        }

        return !string.IsNullOrEmpty(asked) && !string.Equals(context.HandlerMethod.Name, asked, StringComparison.OrdinalIgnoreCase);
    }

    private static bool AddressHasControlCharacters(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (ControlCharacters.Any(request.Path.Value))
        {
            return true;
        }

        foreach (var (key, values) in request.Query)
        {
            if (ControlCharacters.Any(key) || values.Any(ControlCharacters.Any))
            {
                return true;
            }
        }

        return context.RouteData.Values.Values.OfType<string>().Any(ControlCharacters.Any);
    }

    /// <summary>Binding errors of form-state fields become one "out of date" message at the top of the form.</summary>
    private static void MarkStaleFormState(ModelStateDictionary modelState)
    {
        var stale = modelState
            .Where(e => e.Value is { Errors.Count: > 0 } && FormStateFields.Contains(e.Key[(e.Key.LastIndexOf('.') + 1)..]))
            .Select(e => e.Key)
            .ToList();
        foreach (var key in stale)
        {
            modelState[key]!.Errors.Clear();
            modelState[key]!.ValidationState = ModelValidationState.Skipped;
        }

        if (stale.Count > 0 && modelState[string.Empty]?.Errors.Any(e => e.ErrorMessage == OutOfDateMessage) != true)
        {
            modelState.AddModelError(string.Empty, OutOfDateMessage);
        }
    }
}
