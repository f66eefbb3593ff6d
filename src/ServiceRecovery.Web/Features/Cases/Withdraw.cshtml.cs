using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Withdraw a duplicate or a case logged in error, with a reason. The case stays, marked withdrawn.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Withdraw(IMediator mediator, CaseActors actors) : CaseStepPage<Withdraw.Command>(mediator, actors)
{
    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.Withdraw];

    protected override string SuccessMessage => "Case withdrawn.";

    public sealed class Command : CaseStepCommand
    {
        public WithdrawReason? Reason { get; set; }

        public string Note { get; set; } = "";
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotNull().WithMessage("Choose why the case is withdrawn.").IsInEnum();
            RuleFor(c => c.Note).FreeText("a note (e.g. the reference of the case it duplicates)", required: true);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.Withdraw(request.Reason!.Value, request.Note, ctx), cancellationToken);
    }
}
