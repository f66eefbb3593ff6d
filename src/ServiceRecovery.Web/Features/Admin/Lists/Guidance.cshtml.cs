using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;

namespace ServiceRecovery.Web.Features.Admin.Lists;

/// <summary>Admin → Compensation guidance: the policy table behind the suggested range for a gesture.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Guidance(IMediator mediator) : ListEditorPage<Guidance.Save, GuidanceBand>(mediator)
{
    protected override IRequest<IReadOnlyList<GuidanceBand>> RowsQuery { get; } = new Query();

    protected override string Confirmation => $"Saved the guidance for {Data.Severity}.";

    public sealed record Query : IRequest<IReadOnlyList<GuidanceBand>>;

    internal sealed class QueryHandler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<GuidanceBand>>
    {
        public async Task<IReadOnlyList<GuidanceBand>> Handle(Query request, CancellationToken cancellationToken) =>
            [.. (await db.GuidanceBands.AsNoTracking().ToListAsync(cancellationToken)).Select(b => b.ToBand()).OrderBy(b => b.Severity)];
    }

    public sealed class Save : ICommand<Unit>
    {
        public Domain.Cases.Severity Severity { get; set; }

        public decimal MinPercent { get; set; }

        public decimal MaxPercent { get; set; }

        public decimal FixedMin { get; set; }

        public decimal FixedMax { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Save>
    {
        public Validator()
        {
            RuleFor(c => c.Severity).IsInEnum().WithMessage("Choose a severity.");
            RuleFor(c => c.MinPercent).InclusiveBetween(0m, CompensationGuidance.CapPercent).WithMessage($"Percentages are between 0 and {CompensationGuidance.CapPercent:0}.");
            RuleFor(c => c.MaxPercent).InclusiveBetween(0m, CompensationGuidance.CapPercent).WithMessage($"Never above {CompensationGuidance.CapPercent:0} % of the transaction value.")
                .GreaterThanOrEqualTo(c => c.MinPercent).WithMessage("The top of the range cannot be below its bottom.");
            RuleFor(c => c.FixedMin).InclusiveBetween(0m, 1_000_000m).WithMessage("Amounts are between 0 and 1,000,000.");
            RuleFor(c => c.FixedMax).InclusiveBetween(0m, 1_000_000m).WithMessage("Amounts are between 0 and 1,000,000.")
                .GreaterThanOrEqualTo(c => c.FixedMin).WithMessage("The top of the fixed range cannot be below its bottom.");
        }
    }

    internal sealed class Handler(AppDbContext db, AuditTrail audit) : IRequestHandler<Save, Unit>
    {
        public async Task<Unit> Handle(Save request, CancellationToken cancellationToken)
        {
            var row = await db.GuidanceBands.SingleOrDefaultAsync(b => b.Severity == request.Severity, cancellationToken)
                ?? throw new DomainException($"There is no guidance row for {request.Severity}.");
            var before = $"{row.MinPercent:0.##}–{row.MaxPercent:0.##} % / {row.FixedMin:0.00}–{row.FixedMax:0.00}";
            row.MinPercent = request.MinPercent;
            row.MaxPercent = request.MaxPercent;
            row.FixedMin = request.FixedMin;
            row.FixedMax = request.FixedMax;
            audit.Record("guidance.changed", request.Severity.ToString(),
                $"{before} → {request.MinPercent:0.##}–{request.MaxPercent:0.##} % / {request.FixedMin:0.00}–{request.FixedMax:0.00}");
            return Unit.Value;
        }
    }
}
