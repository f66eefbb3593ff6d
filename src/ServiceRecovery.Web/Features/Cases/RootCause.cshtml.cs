using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Record or change the root cause of an open case (the fix step records it too). Needed for cases that reached
/// follow-up without one (logged before causes existed): they cannot close until it is recorded.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class RootCause(IMediator mediator, CaseActors actors) : CaseStepPage<RootCause.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    protected override IReadOnlyList<CaseAction> Actions { get; } = [];

    protected override string SuccessMessage => "Root cause recorded.";

    public RootCauseChoices.Choices Causes { get; private set; } = new([], [], null, null, null);

    protected override bool IsOpen(CaseView view) => !view.IsTerminal && view.AllowedActions.Count > 0;

    protected override async Task OnCaseLoadedAsync(CaseView view) =>
        Causes = await _mediator.Send(new RootCauseChoices.Query(view.Reference), HttpContext.RequestAborted);

    protected override void Prefill(Command data)
    {
        data.RootCauseId = Causes.CurrentId;
        data.RootCauseNote = Causes.CurrentNote;
    }

    public sealed class Command : CaseStepCommand
    {
        public Guid? RootCauseId { get; set; }

        public string? RootCauseNote { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.RootCauseId).NotNull().WithMessage("Choose the root cause: what in the hotel caused the problem?")
                .NotEqual(Guid.Empty).WithMessage("Choose the root cause: what in the hotel caused the problem?");
            RuleFor(c => c.RootCauseNote).FreeText("the note on the root cause", required: false);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, async (c, ctx) =>
            {
                if (c.RootCauseId == request.RootCauseId && c.RootCauseNote == (string.IsNullOrWhiteSpace(request.RootCauseNote) ? null : request.RootCauseNote.Trim()))
                {
                    throw new Domain.Common.DomainException("That is already the case's root cause; nothing changed.", "case.same_root_cause");
                }

                await RootCauseChoices.ClassifyAsync(db, c, request.RootCauseId!.Value, request.RootCauseNote, ctx, cancellationToken);
            }, cancellationToken);
    }
}
