using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRecovery.Web.Features.Public;

/// <summary>
/// The error page of the public form (too many requests, a form that could not be read, a page not found), in the
/// visitor's language and the public layout: status codes under <c>/complain</c> are re-executed here
/// (<see cref="Infrastructure.Web.WebRegistration"/>). Needs no database.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class Problem : PageModel
{
    public int Status { get; private set; }

    /// <summary>From the <c>Retry-After</c> header of a 429.</summary>
    public int? RetryAfterSeconds { get; private set; }

    /// <summary>Why the request was refused, when the part of the app that refused it said (the English text is the key).</summary>
    public string? Explanation { get; private set; }

    public IActionResult OnGet(int code) => Render(code);

    public IActionResult OnPost(int code) => Render(code);

    private IActionResult Render(int code)
    {
        Status = code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound;
        Explanation = HttpContext.Items[Infrastructure.Web.HostileInputFilter.ErrorDetailKey] as string;
        if (Status == StatusCodes.Status429TooManyRequests
            && int.TryParse(Response.Headers.RetryAfter.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            RetryAfterSeconds = seconds;
        }

        Response.StatusCode = Status;
        return Page();
    }
}
