using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Step 3: fix the problem, as fast as possible; note whether it was fixed at first contact, and classify the root
/// cause (required here, so that every case that reaches follow-up can close; the category's most frequent causes
/// are offered first).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Fix(IMediator mediator, CaseActors actors) : CaseStepPage<Fix.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.Fix];

    protected override string SuccessMessage => "Fix recorded. Next: make amends with a fair gesture (or apology only, with a reason).";

    public RootCauseChoices.Choices Causes { get; private set; } = new([], [], null, null, null);

    protected override async Task OnCaseLoadedAsync(CaseView view) =>
        Causes = await _mediator.Send(new RootCauseChoices.Query(view.Reference), HttpContext.RequestAborted);

    protected override void Prefill(Command data)
    {
        data.RootCauseId = Causes.CurrentId;
        data.RootCauseNote = Causes.CurrentNote;
    }

    public sealed class Command : CaseStepCommand
    {
        public string WhatWasDone { get; set; } = "";

        public bool ResolvedAtFirstContact { get; set; }

        public Guid? RootCauseId { get; set; }

        public string? RootCauseNote { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.WhatWasDone).FreeText("what was done to fix it", required: true);
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
                // The cause, then the fix (one transaction: when the fix is refused, the cause is not recorded either).
                await RootCauseChoices.ClassifyAsync(db, c, request.RootCauseId!.Value, request.RootCauseNote, ctx, cancellationToken);
                c.Fix(request.WhatWasDone, request.ResolvedAtFirstContact, ctx);
            }, cancellationToken);
    }
}
