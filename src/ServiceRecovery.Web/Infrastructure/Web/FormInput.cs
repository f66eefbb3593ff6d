using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRecovery.Web.Infrastructure.Web;

public static class FormInput
{
    /// <summary>
    /// The first message in ModelState (a form that could not be read, or a refused command), for a page that answers
    /// with a redirect and a flash message.
    /// </summary>
    public static string? FirstInputProblem(this PageModel page) =>
        page.ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m));
}
