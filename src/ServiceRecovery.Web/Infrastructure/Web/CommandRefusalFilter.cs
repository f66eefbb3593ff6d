using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Errors;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// The one place that turns what a command refuses into what the person sees (after ContosoUniversity's
/// ValidatorPageFilter), for every page:
/// <list type="bullet">
/// <item>a case that is not there: 404; one that is not this person's: 403;</item>
/// <item>validation errors next to their fields (<c>Data.Words</c> for a failure on <c>Words</c> of the bound <c>Data</c>);</item>
/// <item>a domain refusal and a concurrent change at the top of the form;</item>
/// <item>then the page shows itself again (<see cref="IFormPage.RedisplayAsync"/>).</item>
/// </list>
/// A form page whose posted form could not be read (<see cref="HostileInputFilter"/> and model binding put the messages
/// in ModelState) sends nothing: its handler does not run. Anything else is a bug and goes to the error page.
/// </summary>
public sealed class CommandRefusalFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var formPage = context.HandlerInstance as IFormPage;
        if (formPage is not null && !context.ModelState.IsValid && HttpMethods.IsPost(context.HttpContext.Request.Method))
        {
            context.Result = await formPage.RedisplayAsync(Refusal.UnusableInput);
            return;
        }

        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled)
        {
            return;
        }

        var modelState = executed.ModelState;
        IActionResult? answer;
        switch (exception)
        {
            case CaseNotFoundException:
                answer = new NotFoundResult();
                break;
            case CaseAccessDeniedException:
                answer = new ForbidResult();
                break;
            case ValidationException invalid when formPage is not null:
                foreach (var error in invalid.Errors)
                {
                    modelState.AddModelError(FieldKey(executed.HandlerInstance, error.PropertyName), error.ErrorMessage);
                }

                answer = await formPage.RedisplayAsync(Refusal.Invalid);
                break;
            case DomainException refused when formPage is not null:
                modelState.AddModelError(string.Empty, refused.Message);
                answer = await formPage.RedisplayAsync(Refusal.Refused);
                break;
            case ConcurrencyConflictException conflict when formPage is not null:
                modelState.AddModelError(string.Empty, conflict.Message);
                answer = await formPage.RedisplayAsync(Refusal.Conflict);
                break;
            default:
                return;
        }

        executed.ExceptionHandled = true;
        executed.Result = answer;
    }

    /// <summary>
    /// The form field a validation failure belongs to: the bound property (<c>[BindProperty]</c>) whose type has the
    /// failed property, e.g. <c>Data.Words</c>; a failure of a command the handler built itself goes to the top.
    /// </summary>
    internal static string FieldKey(object page, string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName))
        {
            return string.Empty;
        }

        var first = propertyName.Split('.', '[')[0];
        foreach (var bound in page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (bound.GetCustomAttribute<BindPropertyAttribute>() is not null
                && bound.PropertyType.GetProperty(first, BindingFlags.Public | BindingFlags.Instance) is not null)
            {
                return ModelNames.CreatePropertyModelName(bound.Name, propertyName);
            }
        }

        return string.Empty;
    }
}
