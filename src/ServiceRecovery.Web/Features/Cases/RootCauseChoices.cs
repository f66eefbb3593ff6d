using MediatR;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// The root causes a case can be given (active leaves, grouped), the case's current one, and the most frequent
/// causes for the case's category first (the cases of that category that have a cause, last 365 days, top 3).
/// </summary>
public static class RootCauseChoices
{
    public const int SuggestionCount = 3;

    public const string SuggestedGroup = "Most frequent for this category";

    public sealed record Query(string Reference) : IRequest<Choices>;

    public sealed record Option(Guid Id, string Group, string FullName);

    public sealed record Choices(IReadOnlyList<Option> Options, IReadOnlyList<Option> Suggested, Guid? CurrentId, string? CurrentName, string? CurrentNote)
    {
        /// <summary>For the select: the suggestions first (their own optgroup), then every active leaf under its group.</summary>
        public IReadOnlyList<SelectListItem> Items
        {
            get
            {
                var suggested = new SelectListGroup { Name = SuggestedGroup };
                var groups = Options.Select(o => o.Group).Distinct().ToDictionary(g => g, g => new SelectListGroup { Name = g });
                return
                [
                    .. Suggested.Select(o => new SelectListItem(o.FullName, o.Id.ToString()) { Group = suggested }),
                    .. Options.Select(o => new SelectListItem(o.FullName, o.Id.ToString()) { Group = groups[o.Group] }),
                ];
            }
        }
    }

    internal sealed class Handler(AppDbContext db, TimeProvider clock) : IRequestHandler<Query, Choices>
    {
        public async Task<Choices> Handle(Query request, CancellationToken cancellationToken)
        {
            var reference = request.Reference.ToUpperInvariant();
            var current = await db.Cases.AsNoTracking().Where(c => c.Reference == reference)
                .Select(c => new { c.Category, c.RootCauseId, c.RootCauseNote }).SingleOrDefaultAsync(cancellationToken);
            var options = await ActiveAsync(db, cancellationToken);
            if (current is null)
            {
                return new Choices(options, [], null, null, null);
            }

            var since = clock.GetUtcNow().AddDays(-365);
            var frequent = await db.Cases.AsNoTracking()
                .Where(c => c.Category == current.Category && c.RootCauseId != null && c.OpenedAt >= since)
                .GroupBy(c => c.RootCauseId)
                .Select(g => new { Id = g.Key!.Value, Count = g.Count() })
                .OrderByDescending(g => g.Count).Take(SuggestionCount * 3)
                .ToListAsync(cancellationToken);
            var byId = options.ToDictionary(o => o.Id);
            var suggested = frequent.Where(f => byId.ContainsKey(f.Id)).Select(f => byId[f.Id]).Take(SuggestionCount).ToList();
            var currentName = current.RootCauseId is { } id ? (await LeafAsync(db, id, cancellationToken))?.FullName : null;
            return new Choices(options, suggested, current.RootCauseId, currentName, current.RootCauseNote);
        }
    }

    /// <summary>Active leaves under active groups, in the admin's order.</summary>
    public static async Task<IReadOnlyList<Option>> ActiveAsync(AppDbContext db, CancellationToken ct) =>
        (await (from leaf in db.RootCauses.AsNoTracking()
                join g in db.RootCauseGroups.AsNoTracking() on leaf.GroupId equals g.Id
                where leaf.IsActive && g.IsActive
                orderby g.SortOrder, g.Name, leaf.SortOrder, leaf.Name
                select new { leaf.Id, Group = g.Name, leaf.Name }).ToListAsync(ct))
        .Select(x => new Option(x.Id, x.Group, new RootCauseLeaf(x.Id, x.Group, x.Name, true).FullName)).ToList();

    /// <summary>A leaf as the domain sees it now (inactive when it or its group is retired); null when there is no such leaf.</summary>
    public static async Task<RootCauseLeaf?> LeafAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await (from leaf in db.RootCauses.AsNoTracking()
               join g in db.RootCauseGroups.AsNoTracking() on leaf.GroupId equals g.Id
               where leaf.Id == id
               select new RootCauseLeaf(leaf.Id, g.Name, leaf.Name, leaf.IsActive && g.IsActive)).SingleOrDefaultAsync(ct);

    /// <summary>Records the cause on the case (through the domain), unless it already has exactly this cause and note.</summary>
    public static async Task ClassifyAsync(AppDbContext db, RecoveryCase recoveryCase, Guid rootCauseId, string? note, ActionContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recoveryCase);
        var cause = await LeafAsync(db, rootCauseId, ct)
            ?? throw new DomainException("That root cause no longer exists; choose another.", "case.root_cause_unknown");
        var checkedNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (recoveryCase.RootCauseId == cause.Id && recoveryCase.RootCauseNote == checkedNote)
        {
            return;
        }

        var current = recoveryCase.RootCauseId is { } currentId ? await LeafAsync(db, currentId, ct) : null;
        recoveryCase.ClassifyRootCause(cause, checkedNote, current, ctx);
    }
}
