using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Errors;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Admin.Messages;

/// <summary>
/// Admin › Messages › one message: who, what and how it went, the plain text and the HTML source (shown as text,
/// never rendered on our page), and "Retry" for a failed one.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Details(IMediator mediator) : PageModel, IFormPage
{
    public Message? Current { get; private set; }

    [BindProperty]
    public Retry Data { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Current = await mediator.Send(new Query(id), HttpContext.RequestAborted);
        if (Current is null)
        {
            return NotFound();
        }

        Data = new Retry { Id = id, Version = Current.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id)
    {
        Data.Id = id;
        await mediator.Send(Data, HttpContext.RequestAborted);
        TempData["Flash"] = "The message is pending again: the sender will try it within a few seconds.";
        return RedirectToPage("Details", new { id });
    }

    public async Task<IActionResult> RedisplayAsync(Refusal refusal)
    {
        var id = Guid.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture);
        Current = await mediator.Send(new Query(id), HttpContext.RequestAborted);
        if (Current is null)
        {
            return NotFound();
        }

        Data = new Retry { Id = id, Version = Current.Version };
        return Page();
    }

    public sealed record Query(Guid Id) : IRequest<Message?>;

    public sealed record Message(
        Guid Id, string Kind, string Language, string ToName, string ToAddress, string Subject, string TextBody, string HtmlBody,
        string? CaseReference, OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
        DateTimeOffset NextAttemptAt, string? LastError, uint Version);

    internal sealed class QueryHandler(AppDbContext db) : IRequestHandler<Query, Message?>
    {
        public Task<Message?> Handle(Query request, CancellationToken cancellationToken) =>
            db.OutboxMessages.AsNoTracking()
                .Where(m => m.Id == request.Id)
                .Select(m => new Message(
                    m.Id, m.Kind, m.Language, m.ToName, m.ToAddress, m.Subject, m.TextBody, m.HtmlBody,
                    db.Cases.Where(c => c.Id == m.CaseId).Select(c => c.Reference).FirstOrDefault(),
                    m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError, EF.Property<uint>(m, "Version")))
                .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Try a failed message again: pending now, its attempts start over.</summary>
    public sealed class Retry : ICommand<Unit>
    {
        public Guid Id { get; set; }

        /// <summary>The row version the page was loaded from; another change in between (a retry, the sender) is a conflict.</summary>
        public uint Version { get; set; }
    }

    internal sealed class RetryValidator : AbstractValidator<Retry>
    {
        public RetryValidator()
        {
            RuleFor(c => c.Id).NotEmpty();
            RuleFor(c => c.Version).NotEmpty().WithMessage("The form is incomplete: reload the page and try again.");
        }
    }

    internal sealed class RetryHandler(AppDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Retry, Unit>
    {
        public async Task<Unit> Handle(Retry request, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == request.Id, cancellationToken)
                ?? throw new DomainException("This message no longer exists.");
            var entry = db.Entry(message);
            if (entry.Property<uint>("Version").CurrentValue != request.Version)
            {
                throw new ConcurrencyConflictException(ConcurrencyConflictException.RecordMessage);
            }

            var attempts = message.Attempts;
            message.Retry(clock.GetUtcNow());
            audit.Record("message.retried", $"message {message.Id}", $"{message.Kind}: pending again after {attempts} failed attempt(s).");
            return Unit.Value;
        }
    }
}
