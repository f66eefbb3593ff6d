using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>The case page: who, what, where it stands, what to do next, and everything that happened.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Details(IMediator mediator, CaseActors actors) : PageModel
{
    public CaseView Case { get; private set; } = null!;

    public DateTimeOffset Now => actors.Now;

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var (visibility, view) = await mediator.Send(new Query(reference), HttpContext.RequestAborted);
        switch (visibility)
        {
            case CaseVisibility.NotFound:
                return NotFound();
            case CaseVisibility.Forbidden:
                return Forbid();
        }

        Case = view!;
        return Page();
    }

    /// <summary>"Mark as given": the refund was processed, the voucher handed over.</summary>
    public Task<IActionResult> OnPostFulfilAsync(string reference, Fulfil data) =>
        SendFromCasePageAsync(reference, data, "Marked as given. The ledger shows it as fulfilled.");

    /// <summary>"The customer answered": the SLA clock runs again.</summary>
    public Task<IActionResult> OnPostAnsweredAsync(string reference, Wait.Answered data) =>
        SendFromCasePageAsync(reference, data, "The customer answered: the SLA clock runs again.");

    /// <summary>A one-button step posted from the case page: the outcome goes back to the case page as a message.</summary>
    private async Task<IActionResult> SendFromCasePageAsync(string reference, CaseStepCommand data, string success)
    {
        data.Reference = reference.ToUpperInvariant();
        if (this.FirstInputProblem() is { } problem)
        {
            TempData["Flash"] = problem;
            return Redirect(Routes.Case(data.Reference));
        }

        try
        {
            var outcome = await mediator.Send(data, HttpContext.RequestAborted);
            TempData["Flash"] = outcome == StepOutcome.AlreadyRecorded ? "That was already recorded." : success;
        }
        catch (CaseAccessDeniedException)
        {
            return Forbid();
        }
        catch (CaseNotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ex is DomainException or CaseChangedException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException or ValidationException)
        {
            TempData["Flash"] = ex is DomainException ? ex.Message : "This case changed while you were working: check it and try again.";
        }

        return Redirect(Routes.Case(data.Reference));
    }

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

    public sealed record Query(string Reference) : IRequest<(CaseVisibility, CaseView?)>;

    internal sealed class Handler(AppDbContext db, CaseActors actors, Queue.SlaPolicies policies, Approvals.CompensationContext compensation) : IRequestHandler<Query, (CaseVisibility, CaseView?)>
    {
        public Task<(CaseVisibility, CaseView?)> Handle(Query request, CancellationToken cancellationToken) =>
            CaseViews.LoadAsync(db, actors, compensation, policies, request.Reference.ToUpperInvariant(), withTimeline: true, timelineAfter: -1, cancellationToken);
    }
}
