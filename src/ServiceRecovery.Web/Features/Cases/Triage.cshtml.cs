using System.Globalization;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// Triage: put an open case in the right category and severity (a web complaint arrives with the configured defaults).
/// The new severity's SLA targets apply from the case's opening (the case recomputes its deadlines itself).
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class Triage(IMediator mediator, CaseActors actors) : CaseStepPage<Triage.Command>(mediator, actors)
{
    private readonly IMediator _mediator = mediator;

    protected override IReadOnlyList<CaseAction> Actions { get; } = [];

    protected override string SuccessMessage => "Category and severity saved.";

    /// <summary>The categories and severities to choose from.</summary>
    public Choices Options { get; private set; } = new([], []);

    protected override bool IsOpen(CaseView view) => !view.IsTerminal && view.AllowedActions.Count > 0;

    protected override async Task OnCaseLoadedAsync(CaseView view) =>
        Options = await _mediator.Send(new ChoicesQuery(view.Category), HttpContext.RequestAborted);

    protected override void Prefill(Command data)
    {
        data.Category = Case.Category;
        data.Severity = Case.Severity;
    }

    protected override string Confirmation(StepOutcome outcome) =>
        $"Category and severity saved: {Data.Category?.Trim()}, {(int)Data.Severity!.Value} · {DisplayNames.Of(Data.Severity.Value)}. The SLA deadlines follow the severity.";

    public sealed class Command : CaseStepCommand
    {
        public string? Category { get; set; }

        [System.ComponentModel.DataAnnotations.Display(Name = "the severity")]
        public Domain.Cases.Severity? Severity { get; set; }

        /// <summary>Why the case is re-graded (optional; shown on the timeline).</summary>
        public string? Reason { get; set; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Category).NotEmpty().WithMessage("Choose a category.")
                .MaximumLength(FieldLimits.Category).WithMessage("Choose a category from the list.");
            RuleFor(c => c.Severity).NotNull().WithMessage("Choose how severe the failure is.").IsInEnum().WithMessage("Choose a severity from the list.");
            RuleFor(c => c.Reason).FreeText("the reason for the change", required: false);
        }
    }

    internal sealed class Handler(AppDbContext db, CaseActors actors) : IRequestHandler<Command, StepOutcome>
    {
        public Task<StepOutcome> Handle(Command request, CancellationToken cancellationToken) =>
            CaseSteps.RunAsync(db, actors, request, async (c, ctx) =>
            {
                // The case may keep a category that has since been retired (or the public form's default); a new one must be in use.
                var category = request.Category!.Trim();
                if (category != c.Category && !await db.Categories.AnyAsync(x => x.Name == category && x.IsActive, cancellationToken))
                {
                    throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Category), "Choose a category from the list.")]);
                }

                c.Recategorize(category, request.Severity!.Value, request.Reason, ctx);
            }, cancellationToken);
    }

    /// <summary>The active categories (plus the case's own when it is no longer active) and each severity with its SLA targets.</summary>
    public sealed record ChoicesQuery(string CurrentCategory) : IRequest<Choices>;

    public sealed record Choices(IReadOnlyList<SelectListItem> Categories, IReadOnlyList<SelectListItem> Severities);

    internal sealed class ChoicesHandler(AppDbContext db, SlaPolicies policies) : IRequestHandler<ChoicesQuery, Choices>
    {
        public async Task<Choices> Handle(ChoicesQuery request, CancellationToken cancellationToken)
        {
            var active = await db.Categories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => c.Name).ToListAsync(cancellationToken);
            List<SelectListItem> categories = [.. active.Select(n => new SelectListItem(n, n))];
            if (!active.Contains(request.CurrentCategory))
            {
                categories.Insert(0, new SelectListItem($"{request.CurrentCategory} (no longer in the list)", request.CurrentCategory));
            }

            var policy = await policies.GetAsync(cancellationToken);
            var severities = Enum.GetValues<Domain.Cases.Severity>().Select(s =>
            {
                var targets = policy.For(s);
                return new SelectListItem(
                    $"{(int)s} · {DisplayNames.Of(s)} — first response within {Duration(targets.FirstResponse)}, resolution within {Duration(targets.Resolution)}",
                    s.ToString());
            }).ToList();
            return new Choices(categories, severities);
        }

        private static string Duration(TimeSpan span)
        {
            var minutes = (int)span.TotalMinutes;
            return minutes >= 1440 && minutes % 1440 == 0 ? Plural(minutes / 1440, "day")
                : minutes >= 60 && minutes % 60 == 0 ? Plural(minutes / 60, "hour")
                : Plural(minutes, "minute");
        }

        private static string Plural(int n, string unit) =>
            string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");
    }
}
