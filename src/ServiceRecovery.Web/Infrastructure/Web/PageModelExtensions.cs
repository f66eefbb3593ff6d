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
    /// concurrency conflicts at the top. Anything else is a bug and goes to the error page.
    /// </summary>
    public static async Task<(bool Succeeded, T? Result)> TrySendAsync<T>(
        this PageModel page, IMediator mediator, IRequest<T> request, string fieldPrefix = "Data.")
    {
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
