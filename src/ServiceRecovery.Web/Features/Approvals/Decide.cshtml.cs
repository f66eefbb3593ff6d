using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;

namespace ServiceRecovery.Web.Features.Approvals;

/// <summary>
/// A supervisor decides a gesture that needed approval: approve, approve a lower amount, or decline (a reason is
/// required for the last two); or propose a higher amount, which someone else then decides. Never one's own
/// proposal; never above one's own limit, measured against what the case and the customer were already granted.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class Decide(IMediator mediator, CaseActors actors) : CaseStepPage<Decide.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    public GuidancePanel? Guidance { get; private set; }

    public Atonement? Pending => Case?.Atonements.FirstOrDefault(a => a.Status == AtonementStatus.PendingApproval);

    protected override IReadOnlyList<CaseAction> Actions { get; } = [CaseAction.ApproveAtonement, CaseAction.DeclineAtonement, CaseAction.ProposeHigherAmount];

    protected override string SuccessMessage => Data.Decision switch
    {
        Choice.Decline => "Declined. The proposer sees your reason on their home page and on the case.",
        Choice.ApproveDifferentAmount => $"Approved {Data.Amount:N2} instead. The proposer sees your reason.",
        Choice.ProposeHigherAmount => $"You proposed {Data.Amount:N2}. Another supervisor or a manager decides it; it is back in the approvals queue.",
        _ => "Approved. The proposer sees the decision on their home page and on the case.",
    };

    protected override string? NotAvailableFor(CaseView view) => view.DecisionRefusal;

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Result is PageResult && Case is not null && Pending is not null)
        {
            Guidance = await _mediator.Send(new Cases.Atone.GuidanceQuery(Case.Id, Case.CustomerId, Pending.Currency ?? Case.Currency ?? "EUR"), HttpContext.RequestAborted);
        }
    }

    public enum Choice
    {
        Approve,
        /// <summary>Approve less than proposed (never more).</summary>
        ApproveDifferentAmount,
        Decline,

        /// <summary>Replace the proposal with a higher amount, which someone else decides.</summary>
        ProposeHigherAmount,
    }

    public sealed class Command : CaseStepCommand
    {
        public Choice? Decision { get; set; }

        public decimal? Amount { get; set; }

        public string? Reason { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).NotNull().WithMessage("Choose approve, approve a lower amount, decline, or propose a higher amount.")
                .IsInEnum().WithMessage("Choose a decision from the list.");
            When(c => c.Decision is Choice.ApproveDifferentAmount or Choice.ProposeHigherAmount, () =>
            {
                RuleFor(c => c.Amount).NotNull().WithMessage("Enter the amount.")
                    .GreaterThan(0).WithMessage("The amount must be more than zero; to give nothing, decline.")
                    .LessThanOrEqualTo(1_000_000).WithMessage("The amount must be at most 1,000,000.")
                    .Must(a => a is null || decimal.Round(a.Value, 2) == a.Value).WithMessage("Use at most two decimals.");
            });
            RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r))
                .When(c => c.Decision is Choice.ApproveDifferentAmount or Choice.Decline or Choice.ProposeHigherAmount)
                .WithMessage("Give the reason: the proposer will read it.");
            RuleFor(c => c.Reason).FreeText("the reason", required: false);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors, CompensationContext compensation) : IRequestHandler<Command, StepOutcome>
    {
        public async Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken)
        {
            // The approver's limit is measured, with the customer locked, against what the case and the customer
            // were already granted (ADR 0009).
            return await CaseSteps.RunAsync(db, actors, request, async (c, ctx) =>
            {
                switch (request.Decision)
                {
                    case Choice.Decline:
                        c.DeclineAtonement(request.Reason!, ctx);
                        break;
                    case Choice.ProposeHigherAmount:
                        var guidance = await compensation.GuidanceAsync(c.Id, cancellationToken);
                        var warning = c.PendingAtonement is { } pending
                            ? Domain.Compensation.CompensationGuidance.Check(guidance, pending.Gesture, request.Amount).Warning
                            : null;
                        c.ProposeHigherAmount(request.Amount!.Value, request.Reason!, await compensation.MyLimitAsync(cancellationToken), ctx, warning);
                        break;
                    case Choice.ApproveDifferentAmount:
                        c.ApproveAtonement(await compensation.EmpowermentAsync(c.CustomerId, cancellationToken), request.Amount, request.Reason, ctx);
                        break;
                    default:
                        c.ApproveAtonement(await compensation.EmpowermentAsync(c.CustomerId, cancellationToken), adjustedAmount: null, request.Reason, ctx);
                        break;
                }
            }, cancellationToken);
        }
    }
}
