using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Record that the customer came back after the case closed (retention after recovery): the day and, if known, what they
/// spent. On a case closed as recovered, unsatisfied or unreachable, by whoever may act on the case; saving again corrects it.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Return(IMediator mediator, CaseActors actors, IOptions<OrganisationOptions> organisation)
    : CaseStepPage<Return.Command>(mediator, actors)
{
    protected override IReadOnlyList<CaseAction> Actions { get; } = [];

    protected override string SuccessMessage =>
        Data.ReturnedOn is { } day
            ? $"Recorded: the customer came back on {day.ToString("d MMM yyyy", System.Globalization.CultureInfo.CurrentCulture)}."
            : "Recorded: the customer came back.";

    /// <summary>The currency a value is in: the case's, or the organisation's when the case has none.</summary>
    public string Currency => Case.Currency ?? organisation.Value.Currency;

    protected override bool IsOpen(CaseView view) => view.AcceptsReturn;

    protected override string? NotAvailableFor(CaseView view) => view.ReturnRefusal;

    protected override void Prefill(Command data)
    {
        data.ReturnedOn = Case.ReturnedOn ?? Today;
        data.Value = Case.ReturnValue;
    }

    public sealed class Command : CaseStepCommand
    {
        [System.ComponentModel.DataAnnotations.Display(Name = "the day they came back")]
        public DateOnly? ReturnedOn { get; set; }

        [System.ComponentModel.DataAnnotations.Display(Name = "what they spent")]
        public decimal? Value { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ReturnedOn).NotNull().WithMessage("Enter the day the customer came back.");
            RuleFor(c => c.Value)
                .InclusiveBetween(0m, RecoveryCase.MaxTransactionValue).WithMessage("What they spent must be between 0 and 1,000,000 (or leave it empty).")
                .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value).WithMessage("Use at most two decimals.");
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors, IOptions<OrganisationOptions> organisation) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, (c, ctx) =>
                c.RecordReturn(request.ReturnedOn!.Value, request.Value, organisation.Value.Currency, actors.TimeZone, ctx), cancellationToken);
    }
}
