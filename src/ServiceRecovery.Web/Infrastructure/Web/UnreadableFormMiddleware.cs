using Microsoft.AspNetCore.Http.Features;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// A posted form that ASP.NET Core's form reader refuses outright — a NUL character in a value (it throws
/// <see cref="InvalidDataException"/>), a body too large — is answered with a 400 page that says why, before anything
/// else reads it (antiforgery, model binding, and the error page itself would each fail on it again). Other control
/// characters are readable and refused field by field (<see cref="HostileInputFilter"/>). A browser cannot type a NUL,
/// so only a hand-made request ever sees this page.
/// </summary>
public sealed class UnreadableFormMiddleware(RequestDelegate next)
{
    public const string Message =
        "The form could not be read: it contains a NUL character, or it is too large. Go back, check what you typed and send it again.";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.HasFormContentType)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                // What was sent is dropped, so that nothing downstream tries to read it again.
                context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
                context.Items[HostileInputFilter.ErrorDetailKey] = Message;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(context);
    }
}
