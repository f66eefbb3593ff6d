using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Jobs;
using ServiceRecovery.Web.Infrastructure.Messaging;

namespace ServiceRecovery.Web.Features.Admin.Messages;

/// <summary>Admin › Messages: what the outbox holds — pending, sent and failed messages, newest first.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Index(IMediator mediator, ISchedulerFactory schedulers, IOptions<JobsOptions> jobs) : PageModel
{
    /// <summary>pending, sent, failed or all (anything else reads as all).</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    // "page" is Razor Pages' own route value, so the page number travels as "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Result Messages { get; private set; } = Result.Empty;

    public async Task OnGetAsync() =>
        Messages = await mediator.Send(new Query { Status = Query.Parse(Status), Page = PageNumber }, HttpContext.RequestAborted);

    /// <summary>"Send now": fires the sender job at once on whichever instance takes it (the schedule would in a few seconds).</summary>
    public async Task<IActionResult> OnPostSendNowAsync()
    {
        if (jobs.Value.Enabled)
        {
            var scheduler = await schedulers.GetScheduler(HttpContext.RequestAborted);
            await scheduler.TriggerJob(OutboxSenderJob.Key, HttpContext.RequestAborted);
            TempData["Flash"] = "The sender is running now: refresh in a moment to see what went out.";
        }
        else
        {
            TempData["Flash"] = "Background jobs are off on this instance (Jobs:Enabled): nothing is sent from here.";
        }

        return RedirectToPage("Index", new { status = Status });
    }

    public sealed record Query : IRequest<Result>
    {
        public const int PageSize = 25;

        public OutboxStatus? Status { get; init; }

        public int Page { get; init; } = 1;

        public static OutboxStatus? Parse(string? status) => status?.Trim().ToLowerInvariant() switch
        {
            "pending" => OutboxStatus.Pending,
            "sent" => OutboxStatus.Sent,
            "failed" => OutboxStatus.Failed,
            _ => null,
        };
    }

    public sealed record Result(IReadOnlyList<Row> Rows, int Total, int Page, int Pages, OutboxStatus? Status, IReadOnlyDictionary<OutboxStatus, int> Counts)
    {
        public static readonly Result Empty = new([], 0, 1, 1, null, new Dictionary<OutboxStatus, int>());

        public int CountOf(OutboxStatus status) => Counts.TryGetValue(status, out var n) ? n : 0;

        public int All => Counts.Values.Sum();
    }

    public sealed record Row(
        Guid Id, string Kind, string ToName, string ToAddress, string Subject, string? CaseReference, OutboxStatus Status,
        int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? LastError);

    internal sealed class Handler(AppDbContext db) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var counts = await db.OutboxMessages.AsNoTracking()
                .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var messages = db.OutboxMessages.AsNoTracking();
            if (request.Status is { } status)
            {
                messages = messages.Where(m => m.Status == status);
            }

            var total = request.Status is { } s ? counts.GetValueOrDefault(s) : counts.Values.Sum();
            var pages = Math.Max(1, (int)Math.Ceiling(total / (double)Query.PageSize));
            var page = Math.Clamp(request.Page, 1, pages);
            var rows = await messages
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                .Skip((page - 1) * Query.PageSize).Take(Query.PageSize)
                .Select(m => new Row(
                    m.Id, m.Kind, m.ToName, m.ToAddress, m.Subject,
                    db.Cases.Where(c => c.Id == m.CaseId).Select(c => c.Reference).FirstOrDefault(),
                    m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError))
                .ToListAsync(cancellationToken);
            return new Result(rows, total, page, pages, request.Status, counts);
        }
    }
}
