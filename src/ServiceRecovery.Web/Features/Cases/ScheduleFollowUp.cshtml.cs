using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Step 5a: schedule the follow-up ("Have we fixed everything for you?"), by default the next business day.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ScheduleFollowUp(IMediator mediator, CaseActors actors) : CaseStepPage<ScheduleFollowUp.Command>(mediator, actors)
{
    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.ScheduleFollowUp];

    protected override string SuccessMessage => $"Follow-up scheduled for {Data.DueOn:ddd d MMM}.";

    protected override void Prefill(Command data) => data.DueOn = BusinessDays.NextBusinessDay(Today);

    public sealed class Command : CaseStepCommand
    {
        public DateOnly? DueOn { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.DueOn).NotNull().WithMessage("Choose the day to follow up.");
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) => c.ScheduleFollowUp(request.DueOn!.Value, ctx), cancellationToken);
    }
}
