using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Admin.Lists;

/// <summary>
/// What every admin list page (categories, coaching phrases, compensation guidance) does the same way: show the rows,
/// each with its own small form posting <typeparamref name="TSave"/>; on save, confirm and show the list again; when
/// the save is refused (<see cref="CommandRefusalFilter"/>), show the list with the messages and what was typed.
/// </summary>
public abstract class ListEditorPage<TSave, TRow>(IMediator mediator) : PageModel, IFormPage
    where TSave : ICommand<Unit>, new()
{
    [BindProperty]
    public TSave Data { get; set; } = new();

    public IReadOnlyList<TRow> Rows { get; private set; } = [];

    /// <summary>The query for the rows shown.</summary>
    protected abstract IRequest<IReadOnlyList<TRow>> RowsQuery { get; }

    /// <summary>What the flash message says after <see cref="Data"/> was saved.</summary>
    protected abstract string Confirmation { get; }

    public async Task OnGetAsync() => Rows = await mediator.Send(RowsQuery, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = Confirmation;
        return RedirectToPage();
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        await OnGetAsync();
        return Page();
    }
}
