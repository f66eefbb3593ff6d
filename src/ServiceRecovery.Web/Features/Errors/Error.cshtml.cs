using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Infrastructure.Errors;

namespace ServiceRecovery.Web.Features.Errors;

/// <summary>
/// Every error in one page: unhandled exceptions (500, or 503 when the database is unreachable) and status
/// codes (403, 404...). It shows the request id, which is also on the request's log line. It must not need the
/// database: it is what people see when the database is down.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class Error(ILogger<Error> logger, IWebHostEnvironment environment) : PageModel
{
    public int Status { get; private set; }

    public string RequestId { get; private set; } = "";

    public string? Detail { get; private set; }

    /// <summary>The database went away while the change was being committed: it may or may not have been saved.</summary>
    public bool OutcomeUnknown { get; private set; }

    /// <summary>Why a request was refused, when the part of the app that refused it said (e.g. a control character in the address).</summary>
    public string? Explanation { get; private set; }

    public IActionResult OnGet(int? code) => Render(code);

    public IActionResult OnPost(int? code) => Render(code);

    private IActionResult Render(int? code)
    {
        RequestId = HttpContext.TraceIdentifier;
        Explanation = HttpContext.Items[Infrastructure.Web.HostileInputFilter.ErrorDetailKey] as string;
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error;
        if (exception is not null)
        {
            Status = DatabaseFailure.IsUnavailable(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            OutcomeUnknown = exception is CommitOutcomeUnknownException;
            if (Status == StatusCodes.Status503ServiceUnavailable)
            {
                logger.LogWarning("Database unavailable while serving request {RequestId}: {Reason}", RequestId, exception.GetBaseException().Message);
                Response.Headers.RetryAfter = "10";
            }

            if (environment.IsDevelopment())
            {
                Detail = exception.ToString();
            }
        }
        else
        {
            // Re-executed for a status code (404, 403...), or someone opened /error directly.
            Status = code is >= 400 and < 600 ? code.Value : StatusCodes.Status404NotFound;
        }

        Response.StatusCode = Status;
        return Page();
    }
}
