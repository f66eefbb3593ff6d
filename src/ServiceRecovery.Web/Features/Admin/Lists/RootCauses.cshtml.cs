using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Mediation;

namespace ServiceRecovery.Web.Features.Admin.Lists;

/// <summary>
/// Admin → Root causes: the two-level taxonomy (groups and their leaves), each leaf with its process owner. Cases point
/// at a leaf by id, so a rename shows the new name everywhere while the case timelines keep the name written at the
/// time; renames are audited. Retired (not offered), never deleted.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RootCauses(IMediator mediator) : ListEditorPage<RootCauses.Save, RootCauses.GroupRow>(mediator)
{
    protected override IRequest<IReadOnlyList<GroupRow>> RowsQuery { get; } = new Query();

    protected override string Confirmation => Data.Id is null
        ? $"Added “{Data.Name.Trim()}”."
        : $"Saved “{Data.Name.Trim()}”.";

    public sealed record Query : IRequest<IReadOnlyList<GroupRow>>;

    public sealed record GroupRow(Guid Id, string Name, int SortOrder, bool IsActive, IReadOnlyList<LeafRow> Leaves, IReadOnlyList<Owner> Owners);

    public sealed record LeafRow(Guid Id, string Name, int SortOrder, bool IsActive, Guid? ProcessOwnerId, int CaseCount);

    public sealed record Owner(Guid Id, string Name);

    internal sealed class QueryHandler(AppDbContext db) : IRequestHandler<Query, IReadOnlyList<GroupRow>>
    {
        public async Task<IReadOnlyList<GroupRow>> Handle(Query request, CancellationToken cancellationToken)
        {
            var owners = await ProcessOwners(db).OrderBy(u => u.DisplayName).Select(u => new Owner(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
            var leaves = await db.RootCauses.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new { c.GroupId, Row = new LeafRow(c.Id, c.Name, c.SortOrder, c.IsActive, c.ProcessOwnerId, db.Cases.Count(rc => rc.RootCauseId == c.Id)) })
                .ToListAsync(cancellationToken);
            return (await db.RootCauseGroups.AsNoTracking().OrderBy(g => g.SortOrder).ThenBy(g => g.Name).ToListAsync(cancellationToken))
                .Select(g => new GroupRow(g.Id, g.Name, g.SortOrder, g.IsActive, [.. leaves.Where(l => l.GroupId == g.Id).Select(l => l.Row)], owners))
                .ToList();
        }
    }

    /// <summary>Users who hold the ProcessOwner role and are enabled.</summary>
    internal static IQueryable<AppUser> ProcessOwners(AppDbContext db)
    {
        var roleId = Roles.Seed.Single(r => r.Name == Roles.ProcessOwner).Id;
        return db.Users.AsNoTracking().Where(u => !u.IsDisabled && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId));
    }

    /// <summary>Add (no Id) or change a group (no GroupId) or a leaf (with its GroupId).</summary>
    public sealed class Save : ICommand<Unit>
    {
        public Guid? Id { get; set; }

        /// <summary>The leaf's group; null when saving a group.</summary>
        public Guid? GroupId { get; set; }

        public string Name { get; set; } = "";

        public int SortOrder { get; set; }

        public bool IsActive { get; set; } = true;

        public Guid? ProcessOwnerId { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Save>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the name.")
                .MaximumLength(RootCauseLeaf.MaxNameLength).WithMessage($"Keep the name to {RootCauseLeaf.MaxNameLength} characters or fewer.");
            RuleFor(c => c.SortOrder).InclusiveBetween(0, 10_000).WithMessage("The order must be between 0 and 10,000.");
        }
    }

    internal sealed class Handler(AppDbContext db, AuditTrail audit) : IRequestHandler<Save, Unit>
    {
        public async Task<Unit> Handle(Save request, CancellationToken cancellationToken)
        {
            var name = request.Name.Trim();
            if (request.GroupId is null)
            {
                await SaveGroupAsync(request, name, cancellationToken);
                return Unit.Value;
            }

            var group = await db.RootCauseGroups.SingleOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken)
                ?? throw new DomainException("This group no longer exists.");
            if (await db.RootCauses.AnyAsync(c => c.GroupId == group.Id && c.Name == name && c.Id != request.Id, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Save.Name), $"“{group.Name}” already has a cause “{name}”.")]);
            }

            string? ownerName = null;
            if (request.ProcessOwnerId is { } ownerId && ownerId != Guid.Empty)
            {
                ownerName = await ProcessOwners(db).Where(u => u.Id == ownerId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Save.ProcessOwnerId), "Choose a user who holds the ProcessOwner role.")]);
            }

            var owner = ownerName is null ? (Guid?)null : request.ProcessOwnerId;
            if (request.Id is null)
            {
                db.RootCauses.Add(new RootCause(group.Id, name, request.SortOrder, owner));
                audit.Record("root_cause.added", $"{group.Name} › {name}", $"Order {request.SortOrder}; owner {ownerName ?? "nobody"}.");
                return Unit.Value;
            }

            var cause = await db.RootCauses.SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
                ?? throw new DomainException("This root cause no longer exists.");
            var oldOwner = cause.ProcessOwnerId is { } o ? await db.Users.Where(u => u.Id == o).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;
            var details = $"{cause.Name} → {name}; order {cause.SortOrder} → {request.SortOrder}; {(cause.IsActive ? "active" : "retired")} → {(request.IsActive ? "active" : "retired")}; owner {oldOwner ?? "nobody"} → {ownerName ?? "nobody"}.";
            audit.Record(cause.Name != name ? "root_cause.renamed" : "root_cause.changed", $"{group.Name} › {name}", details);
            cause.Name = name;
            cause.GroupId = group.Id;
            cause.SortOrder = request.SortOrder;
            cause.IsActive = request.IsActive;
            cause.ProcessOwnerId = owner;
            return Unit.Value;
        }

        private async Task SaveGroupAsync(Save request, string name, CancellationToken ct)
        {
            if (await db.RootCauseGroups.AnyAsync(g => g.Name == name && g.Id != request.Id, ct))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Save.Name), $"There is already a group “{name}”.")]);
            }

            if (request.Id is null)
            {
                db.RootCauseGroups.Add(new RootCauseGroup(name, request.SortOrder));
                audit.Record("root_cause_group.added", name, $"Order {request.SortOrder}.");
                return;
            }

            var group = await db.RootCauseGroups.SingleOrDefaultAsync(g => g.Id == request.Id, ct)
                ?? throw new DomainException("This group no longer exists.");
            audit.Record(group.Name != name ? "root_cause_group.renamed" : "root_cause_group.changed", name,
                $"{group.Name} → {name}; order {group.SortOrder} → {request.SortOrder}; {(group.IsActive ? "active" : "retired")} → {(request.IsActive ? "active" : "retired")}.");
            group.Name = name;
            group.SortOrder = request.SortOrder;
            group.IsActive = request.IsActive;
        }
    }
}
