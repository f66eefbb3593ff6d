using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The case page: who, what, where it stands, what to do next, and everything that happened.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Details(IMediator mediator, CaseActors actors) : PageModel, IFormPage
{
    public CaseView Case { get; private set; } = null!;

    public DateTimeOffset Now => actors.Now;

    /// <summary>The survey links and answers (Features/Survey).</summary>
    public Survey.CaseSurvey.Summary? Survey { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var (visibility, view) = await mediator.Send(new CaseViewQuery(reference), HttpContext.RequestAborted);
        switch (visibility)
        {
            case CaseVisibility.NotFound:
                return NotFound();
            case CaseVisibility.Forbidden:
                return Forbid();
        }

        Case = view!;
        Survey = await mediator.Send(new Survey.CaseSurvey.Query(Case.Id), HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>"Mark as given": the refund was processed, the voucher handed over.</summary>
    public Task<IActionResult> OnPostFulfilAsync(string reference, Fulfil data) =>
        SendFromCasePageAsync(reference, data, "Marked as given. The ledger shows it as fulfilled.");

    /// <summary>"The customer answered": the SLA clock runs again.</summary>
    public Task<IActionResult> OnPostAnsweredAsync(string reference, Wait.Answered data) =>
        SendFromCasePageAsync(reference, data, "The customer answered: the SLA clock runs again.");

    /// <summary>A one-button form refused: back to the case page, with why as its message.</summary>
    public Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        TempData["Flash"] = refusal == Refusal.Conflict
            ? "This case changed while you were working: check it and try again."
            : this.FirstInputProblem();
        return Task.FromResult<IActionResult>(RedirectToCase((string)RouteData.Values["reference"]!));
    }

    /// <summary>A one-button step posted from the case page: the outcome goes back to the case page as a message.</summary>
    private async Task<IActionResult> SendFromCasePageAsync(string reference, CaseStepCommand data, string success)
    {
        data.Reference = reference.ToUpperInvariant();
        var outcome = await mediator.Send(data, HttpContext.RequestAborted);
        TempData["Flash"] = outcome.WasAlreadyRecorded ? "That was already recorded." : success;
        return RedirectToCase(data.Reference);
    }

    private RedirectResult RedirectToCase(string reference) => Redirect(Routes.Case(reference));

    public sealed class Fulfil : CaseStepCommand
    {
        public Guid AtonementId { get; set; }
    }

    internal sealed class FulfilValidator : AbstractValidator<Fulfil>
    {
        public FulfilValidator() => RuleFor(c => c.AtonementId).NotEmpty().WithMessage("Choose the gesture that was given.");
    }

    internal sealed class FulfilHandler(AppDbContext db, CaseActors actors) : IRequestHandler<Fulfil, StepOutcome>
    {
        public Task<StepOutcome> Handle(Fulfil request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.MarkAtonementFulfilled(request.AtonementId, ctx), cancellationToken);
    }
}
