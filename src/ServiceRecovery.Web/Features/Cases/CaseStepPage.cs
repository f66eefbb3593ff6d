using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// What every step page (apologize, listen, fix, ...) does the same way: show the case header and the form
/// when the step is open to this person; on submit, send the command and either go back to the case page
/// or stay with the messages, keeping what was typed. A concurrent change shows what changed.
/// </summary>
public abstract class CaseStepPage<TCommand>(IMediator mediator, CaseActors actors) : PageModel
    where TCommand : CaseStepCommand, new()
{
    protected CaseActors Actors => actors;

    [BindProperty]
    public TCommand Data { get; set; } = new();

    public CaseView Case { get; private set; } = null!;

    /// <summary>Timeline entries written by others since the form was loaded (after a conflict).</summary>
    public IReadOnlyList<TimelineLine> Changes { get; private set; } = [];

    /// <summary>Why the form is not offered (the step is not open now), or null.</summary>
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
        if (this.HasUnusableInput())
        {
            // The messages are in ModelState (Infrastructure/Web/HostileInputFilter); nothing is sent.
            return await LoadCaseAsync(reference, -1) ?? Page();
        }

        try
        {
            var outcome = await mediator.Send(Data, HttpContext.RequestAborted);
            TempData["Flash"] = outcome == StepOutcome.AlreadyRecorded
                ? "That was already recorded — nothing was added twice."
                : await FlashAfterSuccessAsync();
            return Redirect(Routes.Case(Data.Reference));
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                ModelState.AddModelError(string.IsNullOrEmpty(error.PropertyName) ? "" : $"Data.{error.PropertyName}", error.ErrorMessage);
            }
        }
        catch (CaseNotFoundException)
        {
            return NotFound();
        }
        catch (CaseAccessDeniedException)
        {
            return Forbid();
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }
        catch (Exception ex) when (ex is CaseChangedException or DbUpdateConcurrencyException
            || ex is DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" } })
        {
            return await ShowChangesAsync();
        }

        return await LoadCaseAsync(reference, -1) ?? Page();
    }

    /// <summary>Whether this page's step can be taken now: by default, one of its actions is allowed.</summary>
    protected virtual bool IsOpen(CaseView view) => Actions.Any(view.AllowedActions.Contains);

    /// <summary>A page's own reason why its form is not offered (checked before the allowed actions).</summary>
    protected virtual string? NotAvailableFor(CaseView view) => null;

    /// <summary>Fills the form's own fields on first load (e.g. a default date).</summary>
    protected virtual void Prefill(TCommand data)
    {
    }

    /// <summary>The confirmation shown on the case page after the step was recorded.</summary>
    protected virtual Task<string> FlashAfterSuccessAsync() => Task.FromResult(SuccessMessage);

    private async Task<IActionResult> ShowChangesAsync()
    {
        var db = HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        db.ChangeTracker.Clear();
        if (Data.RequestId != Guid.Empty && await db.Timeline.AnyAsync(t => t.RequestId == Data.RequestId))
        {
            // Our own first submit won the race with this one: it is recorded.
            TempData["Flash"] = "That was already recorded — nothing was added twice.";
            return Redirect(Routes.Case(Data.Reference));
        }

        var problem = await LoadCaseAsync(Data.Reference, Data.SeenSequence);
        if (problem is not null)
        {
            return problem;
        }

        Changes = Case.Timeline;
        ViewData["Changes"] = Changes;
        ModelState.AddModelError(string.Empty, new CaseChangedException(Data.Reference).Message);
        // The form now builds on the latest version; what was typed stays in Data.
        Data.Version = Case.Version;
        Data.SeenSequence = Case.LastTimelineSequence;
        return Page();
    }

    /// <summary>Loads the case for display; a 404/403 result when it is not there or not this person's.</summary>
    protected async Task<IActionResult?> LoadCaseAsync(string reference, int timelineAfter)
    {
        var db = HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var compensation = HttpContext.RequestServices.GetRequiredService<Approvals.CompensationContext>();
        var policies = HttpContext.RequestServices.GetRequiredService<Queue.SlaPolicies>();
        var (visibility, view) = await CaseViews.LoadAsync(db, actors, compensation, policies, reference.ToUpperInvariant(), withTimeline: false, timelineAfter, HttpContext.RequestAborted);
        switch (visibility)
        {
            case CaseVisibility.NotFound:
                return NotFound();
            case CaseVisibility.Forbidden:
                return Forbid();
        }

        Case = view!;
        NotAvailable = NotAvailableFor(Case);
        if (NotAvailable is null && !IsOpen(Case))
        {
            NotAvailable = Case.AllowedActions.Count == 0 && !Case.IsTerminal
                ? "No step is open to you on this case right now."
                : Actions.Count > 0 ? Transitions.Refusal(Case.Stage, Actions[0]) : Transitions.NextStep(Case.Stage);
        }

        ViewData["CaseHeader"] = new CaseHeaderModel(Case, Now);
        ViewData["NotAvailable"] = NotAvailable;
        return null;
    }
}
