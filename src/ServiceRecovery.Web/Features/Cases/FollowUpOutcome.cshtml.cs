using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Step 5b: how the follow-up went. Satisfied closes the case as recovered; not satisfied reopens it to fix
/// again; no answer schedules another try, and the third closes it as unreachable.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class FollowUpOutcome(IMediator mediator, CaseActors actors) : CaseStepPage<FollowUpOutcome.Command>(mediator, actors)
{
    [FromQuery(Name = "outcome")]
    public Domain.Cases.FollowUpOutcome? Preselected { get; set; }

    protected override IReadOnlyList<CaseAction> Actions { get; } =
        [CaseAction.RecordSatisfied, CaseAction.RecordNotSatisfied, CaseAction.RecordNoAnswer];

    protected override string SuccessMessage => Data.Outcome switch
    {
        Domain.Cases.FollowUpOutcome.Satisfied => "Recovered: the customer is satisfied and the case is closed.",
        Domain.Cases.FollowUpOutcome.NotSatisfied => "Reopened: back to fixing what is still wrong.",
        _ => "No answer recorded.",
    };

    protected override void Prefill(Command data)
    {
        data.Outcome = Preselected;
        data.NextDueOn = BusinessDays.NextBusinessDay(Today);
    }

    public sealed class Command : CaseStepCommand
    {
        public Domain.Cases.FollowUpOutcome? Outcome { get; set; }

        public string? Note { get; set; }

        /// <summary>For "no answer": when to try again (default: next business day).</summary>
        public DateOnly? NextDueOn { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).NotNull().WithMessage("Choose how the follow-up went.").IsInEnum();
            RuleFor(c => c.Note).FreeText("the note", required: false);
            RuleFor(c => c.Note).Must(n => !string.IsNullOrWhiteSpace(n))
                .When(c => c.Outcome == Domain.Cases.FollowUpOutcome.NotSatisfied)
                .WithMessage("Write what is still wrong, so the next fix addresses it.");
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request,
                (c, ctx) => c.RecordFollowUpOutcome(request.Outcome!.Value, request.Note, ctx, request.NextDueOn), cancellationToken);
    }
}
