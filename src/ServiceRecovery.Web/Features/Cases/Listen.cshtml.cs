using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Step 2: listen and empathize — let them unwind, note how they feel and what they would like.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Listen(IMediator mediator, CaseActors actors) : CaseStepPage<Listen.Command>(mediator, actors)
{
    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.Listen];

    protected override string SuccessMessage => "Noted. Next: fix the problem — most customers want what they asked for in the first place.";

    protected override void Prefill(Command data) => data.CustomerWouldLike = Case.CustomerWants;

    public sealed class Command : CaseStepCommand
    {
        public string CustomerFeels { get; set; } = "";

        public string? CustomerWouldLike { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CustomerFeels).FreeText("how the customer feels", required: true);
            RuleFor(c => c.CustomerWouldLike).FreeText("what the customer would like", required: false);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.Listen(request.CustomerFeels, request.CustomerWouldLike, ctx), cancellationToken);
    }
}
