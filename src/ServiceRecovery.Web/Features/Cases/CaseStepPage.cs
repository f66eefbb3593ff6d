using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// What every step page (apologize, listen, fix, ...) does the same way: show the case header and the form
/// when the step is open to this person; on submit, send the command and go back to the case page with what happened.
/// When the command is refused, <see cref="CommandRefusalFilter"/> puts the messages on the form and the page shows
/// itself again, keeping what was typed; after a concurrent change it also shows what changed.
/// </summary>
public abstract class CaseStepPage<TCommand>(IMediator mediator, CaseActors actors) : PageModel, IFormPage, ICaseStepView
    where TCommand : CaseStepCommand, new()
{
    protected CaseActors Actors => actors;

    [BindProperty]
    public TCommand Data { get; set; } = new();

    public CaseView Case { get; private set; } = null!;

    public CaseHeaderModel Header => new(Case, Now);

    public IReadOnlyList<TimelineLine> Changes { get; private set; } = [];

    public string? NotAvailable { get; private set; }

    public DateTimeOffset Now => actors.Now;

    public DateOnly Today => actors.Today;

    /// <summary>The step(s) this page records.</summary>
    protected abstract IReadOnlyList<CaseAction> Actions { get; }

    protected abstract string SuccessMessage { get; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var problem = await LoadCaseAsync(reference, -1);
        if (problem is not null)
        {
            return problem;
        }

        Data = new TCommand
        {
            Reference = Case.Reference,
            Version = Case.Version,
            SeenSequence = Case.LastTimelineSequence,
            RequestId = Guid.CreateVersion7(),
        };
        Prefill(Data);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        Data.Reference = reference.ToUpperInvariant();
        var outcome = await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = outcome.WasAlreadyRecorded ? AlreadyRecorded : Confirmation(outcome);
        return RedirectToCase();
    }

    /// <summary>After a refusal: the case as it is now, the form with what was typed; after a conflict, what changed.</summary>
    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        Data.Reference = (RouteData.Values["reference"] as string ?? "").ToUpperInvariant();
        return refusal == Refusal.Conflict ? await ShowChangesAsync() : await LoadCaseAsync(Data.Reference, -1) ?? Page();
    }

    /// <summary>Whether this page's step can be taken now: by default, one of its actions is allowed.</summary>
    protected virtual bool IsOpen(CaseView view) => Actions.Any(view.AllowedActions.Contains);

    /// <summary>A page's own reason why its form is not offered (checked before the allowed actions).</summary>
    protected virtual string? NotAvailableFor(CaseView view) => null;

    /// <summary>Loads what a page's form needs besides the case (e.g. the root causes to choose from); after a refusal too.</summary>
    protected virtual Task OnCaseLoadedAsync(CaseView view) => Task.CompletedTask;

    /// <summary>Fills the form's own fields on first load (e.g. a default date).</summary>
    protected virtual void Prefill(TCommand data)
    {
    }

    /// <summary>The confirmation shown on the case page after the step was recorded (from what the step did).</summary>
    protected virtual string Confirmation(StepOutcome outcome) => SuccessMessage;

    private const string AlreadyRecorded = "That was already recorded — nothing was added twice.";

    private RedirectResult RedirectToCase() => Redirect(Routes.Case(Data.Reference));

    private async Task<IActionResult> ShowChangesAsync()
    {
        if (Data.RequestId != Guid.Empty && await mediator.Send(new RequestRecordedQuery(Data.RequestId), HttpContext.RequestAborted))
        {
            // Our own first submit won the race with this one: it is recorded.
            ModelState.Clear();
            TempData["Flash"] = AlreadyRecorded;
            return RedirectToCase();
        }

        var problem = await LoadCaseAsync(Data.Reference, Data.SeenSequence);
        if (problem is not null)
        {
            return problem;
        }

        Changes = Case.Timeline;
        // The form now builds on the latest version; what was typed stays in Data.
        Data.Version = Case.Version;
        Data.SeenSequence = Case.LastTimelineSequence;
        return Page();
    }

    /// <summary>Loads the case for display; a 404/403 result when it is not there or not this person's.</summary>
    protected async Task<IActionResult?> LoadCaseAsync(string reference, int timelineAfter)
    {
        var (visibility, view) = await mediator.Send(new CaseViewQuery(reference, WithTimeline: false, timelineAfter), HttpContext.RequestAborted);
        switch (visibility)
        {
            case CaseVisibility.NotFound:
                return NotFound();
            case CaseVisibility.Forbidden:
                return Forbid();
        }

        Case = view!;
        await OnCaseLoadedAsync(Case);
        NotAvailable = NotAvailableFor(Case);
        if (NotAvailable is null && !IsOpen(Case))
        {
            NotAvailable = Case.AllowedActions.Count == 0 && !Case.IsTerminal
                ? "No step is open to you on this case right now."
                : Actions.Count > 0 ? Transitions.Refusal(Case.Stage, Actions[0]) : Transitions.NextStep(Case.Stage);
        }

        return null;
    }
}
