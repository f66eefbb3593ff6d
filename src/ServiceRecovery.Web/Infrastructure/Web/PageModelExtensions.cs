using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Web.Infrastructure.Web;

public static class PageModelExtensions
{
    public const string ConcurrencyMessage =
        "This record changed while you were working. The page now shows the latest version; what you typed is kept below — check it and save again.";

    /// <summary>
    /// Sends a request and turns the expected failures into messages on the same page: validation errors next
    /// to their fields (<paramref name="fieldPrefix"/> is the bound property, e.g. "Data."), domain refusals and
    /// concurrency conflicts at the top. Anything else is a bug and goes to the error page. Nothing is sent while the
    /// form itself could not be read (<see cref="HasUnusableInput"/>).
    /// </summary>
    public static async Task<(bool Succeeded, T? Result)> TrySendAsync<T>(
        this PageModel page, IMediator mediator, IRequest<T> request, string fieldPrefix = "Data.")
    {
        if (page.HasUnusableInput())
        {
            return (false, default);
        }

        try
        {
            return (true, await mediator.Send(request, page.HttpContext.RequestAborted));
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                var key = string.IsNullOrEmpty(error.PropertyName) ? string.Empty : fieldPrefix + error.PropertyName;
                page.ModelState.AddModelError(key, error.ErrorMessage);
            }
        }
        catch (DomainException ex)
        {
            page.ModelState.AddModelError(string.Empty, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            page.ModelState.AddModelError(string.Empty, ConcurrencyMessage);
        }
        catch (ConcurrencyConflictException ex)
        {
            page.ModelState.AddModelError(string.Empty, ex.Message);
        }

        return (false, default);
    }
}

public static class FormInput
{
    /// <summary>
    /// The posted form could not be used as it is — a control character in a field, a hidden field that does not parse,
    /// a value of the wrong type (<see cref="HostileInputFilter"/> and model binding put the messages in ModelState).
    /// The page then shows those messages and sends nothing.
    /// </summary>
    public static bool HasUnusableInput(this PageModel page) => !page.ModelState.IsValid;

    /// <summary>The first of those messages, for a page that answers with a redirect and a flash message.</summary>
    public static string? FirstInputProblem(this PageModel page) =>
        page.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m));
}

/// <summary>Someone else changed the record after this form was loaded.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message)
{
    public ConcurrencyConflictException()
        : this(PageModelExtensions.ConcurrencyMessage)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}
