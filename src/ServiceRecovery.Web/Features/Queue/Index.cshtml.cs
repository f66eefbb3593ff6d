using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Compensation;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// The queue: open cases by their promise to the customer (SLA due first), with filters, counts, keyset paging,
/// bulk assignment and a CSV export of the current view. Frontline staff see their own and unassigned cases.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Index(IMediator mediator, CaseActors actors) : PageModel, IFormPage
{
    [BindProperty(SupportsGet = true)]
    public QueueView View { get; set; } = new();

    [BindProperty]
    public Assign Bulk { get; set; } = new();

    public Result Queue { get; private set; } = Result.Empty;

    public DateTimeOffset Now => actors.Now;

    public async Task OnGetAsync() => Queue = await mediator.Send(new Query(View), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAssignAsync()
    {
        var count = await mediator.Send(Bulk, HttpContext.RequestAborted);
        TempData["Flash"] = $"Assigned {count} case(s).";
        return Redirect(Request.Path + QueryString.Create(Request.Query.Where(q => q.Key != "handler")));
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        await OnGetAsync();
        return Page();
    }

    /// <summary>The current view (all pages) as CSV, streamed straight from the query (hence the context, not a mediator query).</summary>
    public async Task<IActionResult> OnGetExportAsync([FromServices] AppDbContext db, [FromServices] CompensationContext compensation)
    {
        await using var writer = Csv.Download(Response, "queue.csv");
        await writer.WriteLineAsync(Csv.Line("reference", "customer", "severity", "stage", "channel", "category", "owner", "opened", "sla_state", "sla_due"));
        var now = actors.Now;
        var flagged = View.Flagged
            ? await compensation.FlaggedCustomersAsync(among: null, HttpContext.RequestAborted)
            : null;
        var rows = QueueQuery.Page(db, View with { After = null }, actors.Actor, now, int.MaxValue, flagged, actors.TimeZone).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(HttpContext.RequestAborted))
        {
            await writer.WriteLineAsync(Csv.Line(r.Reference, r.CustomerName, r.Severity.ToString(), r.Stage.ToString(), r.Channel.ToString(), r.Category,
                r.OwnerName ?? "", Iso(r.OpenedAt), SlaDisplay.Short(r.SlaStateAt(now)), r.SlaDueAt is { } d ? Iso(d) : ""));
        }

        return new EmptyResult();
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Where the bulk-assignment form posts: this view (so the page comes back as it was), handler Assign.</summary>
    public string AssignAction => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Link(View, keepCursor: true), "handler", "Assign");

    public string Link(QueueView view, bool keepCursor = false)
    {
        var q = new Dictionary<string, string?>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                q[key] = text;
            }
        }

        Add("View.Stage", view.Stage);
        Add("View.Severity", view.Severity);
        Add("View.Owner", view.Owner);
        Add("View.Channel", view.Channel);
        Add("View.Category", view.Category);
        Add("View.Cause", view.Cause);
        Add("View.Sla", view.Sla == SlaFilter.Any ? null : view.Sla);
        Add("View.OlderThanDays", view.OlderThanDays);
        Add("View.Text", view.Text);
        Add("View.Flagged", view.Flagged ? "true" : null);
        Add("View.Status", view.Status == QueueStatus.Open ? null : view.Status);
        Add("View.OpenedFrom", view.OpenedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("View.OpenedTo", view.OpenedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("View.ClosedFrom", view.ClosedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("View.ClosedTo", view.ClosedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("View.Outcome", view.Outcome);
        Add("View.Measure", view.Measure == QueueMeasure.Any ? null : view.Measure);
        Add("View.Sort", view.Sort == QueueSort.Sla ? null : view.Sort);
        Add("View.Size", view.PageSize == 25 ? null : view.PageSize);
        if (keepCursor)
        {
            Add("View.After", view.After);
        }

        return Routes.Queue + QueryString.Create(q);
    }

    /// <summary>The shared set of flagged customers; forgotten when a supervisor clears a flag, so the queue stops marking them at once.</summary>
    public const string FlaggedCustomersKey = "queue-flagged-customers";

    public sealed record Query(QueueView View) : IRequest<Result>;

    public sealed record Staff(Guid Id, string Name);

    /// <param name="FlaggedCustomers">Which of the rows' customers are flagged for repeated compensation now.</param>
    public sealed record Result(IReadOnlyList<QueueRow> Rows, string? NextCursor, IReadOnlyDictionary<Stage, int> PerStage,
        IReadOnlyDictionary<string, int> PerSla, IReadOnlyList<string> Categories, IReadOnlyList<Staff> People, bool MaySeeAll,
        IReadOnlySet<Guid> FlaggedCustomers)
    {
        public static readonly Result Empty = new([], null, new Dictionary<Stage, int>(), new Dictionary<string, int>(), [], [], false, new HashSet<Guid>());
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors, SharedResults shared) : IRequestHandler<Query, Result>
    {
        /// <summary>
        /// Counts over every open case are the costly part of the page: one request computes them, all share them for
        /// a few seconds, and they are refreshed in the background (see <see cref="SharedResults"/>).
        /// </summary>
        private static readonly TimeSpan CountsFor = TimeSpan.FromSeconds(10);

        private static readonly TimeSpan CountsAtMost = TimeSpan.FromSeconds(60);

        private static readonly TimeSpan ListsFor = TimeSpan.FromMinutes(1);

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = actors.Now;
            var actor = actors.Actor;
            var view = request.View;
            // The customers flagged now (one grouped query over the ledger's window, shared like the counts): the
            // flagged view filters the cases by customer id with them, and every page marks its rows from them.
            var flagged = await shared.GetAsync(FlaggedCustomersKey, CountsFor, CountsAtMost,
                async (services, ct) => (IReadOnlySet<Guid>)(await services.GetRequiredService<CompensationContext>()
                    .FlaggedCustomersAsync(among: null, ct)).ToHashSet(), cancellationToken);
            var rows = await QueueQuery.RowsAsync(db, view, actor, now, view.PageSize + 1, view.Flagged ? flagged : null, cancellationToken, actors.TimeZone);
            var next = rows.Count > view.PageSize ? QueueQuery.CursorAfter(rows[view.PageSize - 1], view.Sort) : null;
            var shown = rows.Take(view.PageSize).ToList();

            // Counts for the filters other than the one being counted (so each count says "if you chose this").
            var scope = actor.MayActOnAnyCase ? "all" : actor.UserId.ToString();
            var countsView = view with { After = null, Sort = QueueSort.Sla, Size = 25 };
            var counts = await shared.GetAsync($"queue-counts:{scope}:{countsView}", CountsFor, CountsAtMost,
                (services, ct) => CountAsync(services, countsView, actor, view.Flagged ? flagged : null, ct), cancellationToken);
            var lists = await shared.GetAsync($"queue-lists:{actor.MayActOnAnyCase}", ListsFor, ListsFor + ListsFor,
                (services, ct) => ListsAsync(services.GetRequiredService<AppDbContext>(), actor.MayActOnAnyCase, ct), cancellationToken);
            return new Result(shown, next, counts.PerStage, counts.PerSla, lists.Categories, lists.People, actor.MayActOnAnyCase, flagged);
        }

        /// <summary>Runs in the shared value's own scope: "now" is the moment of the count, not of the request that asked.</summary>
        private static async Task<(IReadOnlyDictionary<Stage, int> PerStage, IReadOnlyDictionary<string, int> PerSla)> CountAsync(
            IServiceProvider services, QueueView view, Actor actor, IReadOnlySet<Guid>? flagged, CancellationToken ct)
        {
            var context = services.GetRequiredService<AppDbContext>();
            var caseActors = services.GetRequiredService<CaseActors>();
            var now = caseActors.Now;
            var zone = caseActors.TimeZone;
            var perStage = await QueueQuery.Filtered(context, view with { Stage = null }, actor, now, flagged, zone)
                .GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var perSla = await QueueQuery.Filtered(context, view with { Sla = SlaFilter.Any }, actor, now, flagged, zone)
                .GroupBy(CaseSlaState.Of(now))
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key.ToString(), x => x.Count, ct);
            return (perStage, perSla);
        }

        private static async Task<(IReadOnlyList<string> Categories, IReadOnlyList<Staff> People)> ListsAsync(
            AppDbContext context, bool maySeeAll, CancellationToken ct)
        {
            var categories = await context.Categories.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => c.Name).ToListAsync(ct);
            IReadOnlyList<Staff> people = maySeeAll
                ? await Assignees.Active(context)
                    .OrderBy(u => u.DisplayName).Select(u => new Staff(u.Id, u.DisplayName)).ToListAsync(ct)
                : [];
            return (categories, people);
        }
    }

    /// <summary>Bulk assignment: to a person, or to me; a reason is recorded on each case's timeline.</summary>
    public sealed class Assign : ICommand<int>
    {
        public List<string> References { get; set; } = [];

        /// <summary>"me" or a user id.</summary>
        public string? Assignee { get; set; }

        public string? Reason { get; set; }
    }

    internal sealed class AssignValidator : AbstractValidator<Assign>
    {
        public AssignValidator()
        {
            RuleFor(c => c.References).NotEmpty().WithMessage("Select at least one case.")
                .Must(r => r.Count <= 100).WithMessage("Assign at most 100 cases at a time.");
            RuleFor(c => c.Assignee).NotEmpty().WithMessage("Choose who should own the cases.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Give a reason: it goes on each case's timeline.")
                .MaximumLength(FieldLimits.FreeText).WithMessage("Keep the reason to 4,000 characters or fewer.");
        }
    }

    internal sealed class AssignHandler(AppDbContext db, CaseActors actors) : IRequestHandler<Assign, int>
    {
        public async Task<int> Handle(Assign request, CancellationToken cancellationToken)
        {
            var ctx = await actors.CaseContextAsync(requestId: null, cancellationToken);
            var (ownerId, ownerName) = request.Assignee == "me"
                ? (ctx.Actor.UserId, ctx.Actor.Name)
                : Guid.TryParse(request.Assignee, out var id) && await Assignees.Active(db).Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) is { } name
                    ? (id, name)
                    : throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Assign.Assignee), "Choose someone from the list.")]);
            var references = request.References.Select(r => r.ToUpperInvariant()).Distinct().ToList();
            var cases = await db.Cases.Where(c => references.Contains(c.Reference)).ToListAsync(cancellationToken);
            if (cases.Count != references.Count)
            {
                throw new DomainException("Some of the selected cases no longer exist: reload the queue.");
            }

            foreach (var c in cases.Where(c => c.OwnerId != ownerId))
            {
                try
                {
                    c.Assign(ownerId, ownerName, request.Reason, ctx);
                }
                catch (DomainException ex)
                {
                    throw new DomainException($"{c.Reference}: {ex.Message} Nothing was assigned.", ex.Code);
                }
            }
            return cases.Count;
        }
    }
}
