using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;

namespace ServiceRecovery.Web.Features.Admin.Lists;

/// <summary>Admin → Categories: the list offered on the intake form. Categories are retired, never deleted (cases keep theirs).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Categories(IMediator mediator) : ListEditorPage<Categories.Save, Categories.Row>(mediator)
{
    protected override IRequest<IReadOnlyList<Row>> RowsQuery { get; } = new Query();

    protected override string Confirmation => Data.Id is null ? $"Added the category “{Data.Name.Trim()}”." : $"Saved “{Data.Name.Trim()}”.";

    public sealed record Query : IRequest<IReadOnlyList<Row>>;

    public sealed record Row(int Id, string Name, int SortOrder, bool IsActive, int CaseCount);

    internal sealed class QueryHandler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async Task<IReadOnlyList<Row>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new Row(c.Id, c.Name, c.SortOrder, c.IsActive, db.Cases.Count(rc => rc.Category == c.Name)))
                .ToListAsync(cancellationToken);
    }

    /// <summary>Add (no Id) or change a category.</summary>
    public sealed class Save : ICommand<Unit>
    {
        public int? Id { get; set; }

        public string Name { get; set; } = "";

        public int SortOrder { get; set; }

        public bool IsActive { get; set; } = true;
    }

    internal sealed class Validator : AbstractValidator<Save>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the category's name.")
                .MaximumLength(FieldLimits.Category).WithMessage($"Keep the name to {FieldLimits.Category} characters or fewer.");
            RuleFor(c => c.SortOrder).InclusiveBetween(0, 10_000).WithMessage("The order must be between 0 and 10,000.");
        }
    }

    internal sealed class Handler(AppDbContext db, AuditTrail audit) : IRequestHandler<Save, Unit>
    {
        public async Task<Unit> Handle(Save request, CancellationToken cancellationToken)
        {
            var name = request.Name.Trim();
            if (await db.Categories.AnyAsync(c => c.Name == name && c.Id != request.Id, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Save.Name), $"There is already a category “{name}”.")]);
            }

            if (request.Id is null)
            {
                db.Categories.Add(new CaseCategory(name, request.SortOrder));
                audit.Record("category.added", name, $"Order {request.SortOrder}.");
                return Unit.Value;
            }

            var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
                ?? throw new DomainException("This category no longer exists.");
            if (category.Name != name && await db.Cases.AnyAsync(c => c.Category == category.Name, cancellationToken))
            {
                throw new DomainException($"“{category.Name}” is used by cases, so it keeps its name. Retire it and add a new one instead.");
            }

            var details = $"{category.Name} → {name}; order {category.SortOrder} → {request.SortOrder}; {(category.IsActive ? "active" : "retired")} → {(request.IsActive ? "active" : "retired")}.";
            category.Name = name;
            category.SortOrder = request.SortOrder;
            category.IsActive = request.IsActive;
            audit.Record("category.changed", name, details);
            return Unit.Value;
        }
    }
}
