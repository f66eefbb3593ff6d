using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Queue;
using ServiceRecovery.Web.Infrastructure.Auditing;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Features.Admin.Lists;

/// <summary>
/// Admin → SLA: first-response and resolution targets per severity, business hours (or 24×7) and time zone.
/// Saving recomputes the deadlines of every open case.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class Sla(IMediator mediator, SlaPolicies policies) : PageModel, IFormPage
{
    [BindProperty]
    public Save Data { get; set; } = new();

    public async Task OnGetAsync() => Data = await mediator.Send(new Query(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var recomputed = await mediator.Send(Data, HttpContext.RequestAborted);
        policies.Forget(); // again after the commit, in case a request cached the old policy meanwhile
        TempData["Flash"] = $"SLA policy saved; the deadlines of {recomputed} open case(s) were recomputed.";
        return RedirectToPage();
    }

    public Task<IActionResult> RedisplayAsync(Refusal refusal) => Task.FromResult<IActionResult>(Page());

    public sealed record Query : IRequest<Save>;

    internal sealed class QueryHandler(AppDbContext db) : IRequestHandler<Query, Save>
    {
        public async Task<Save> Handle(Query request, CancellationToken cancellationToken)
        {
            var targets = await db.SlaTargets.AsNoTracking().ToListAsync(cancellationToken);
            var settings = await db.SlaSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SlaSettingsRow();
            return new Save
            {
                Targets = [.. (targets.Count == 4 ? targets : SlaPolicies.DefaultTargets).OrderByDescending(t => t.Severity)
                    .Select(t => new Target { Severity = t.Severity, FirstResponseHours = t.FirstResponseMinutes / 60m, ResolutionHours = t.ResolutionMinutes / 60m })],
                TimeZoneId = settings.TimeZoneId,
                BusinessHours = settings.BusinessHours,
                AtRiskPercent = settings.AtRiskPercent,
            };
        }
    }

    public sealed class Target
    {
        public Domain.Cases.Severity Severity { get; set; }

        public decimal FirstResponseHours { get; set; }

        public decimal ResolutionHours { get; set; }
    }

    public sealed class Save : ICommand<int>
    {
        public List<Target> Targets { get; set; } = [];

        public string TimeZoneId { get; set; } = "Europe/London";

        public string BusinessHours { get; set; } = "24x7";

        public int AtRiskPercent { get; set; } = 80;
    }

    internal sealed class Validator : AbstractValidator<Save>
    {
        public Validator()
        {
            RuleFor(c => c.Targets).Must(t => t.Count == 4 && t.Select(x => x.Severity).Distinct().Count() == 4 && t.All(x => Enum.IsDefined(x.Severity)))
                .WithMessage("Give targets for all four severities.");
            RuleForEach(c => c.Targets).ChildRules(t =>
            {
                t.RuleFor(x => x.FirstResponseHours).InclusiveBetween(0.25m, 24m * 30).WithMessage("First response: between 15 minutes and 30 days.");
                t.RuleFor(x => x.ResolutionHours).InclusiveBetween(0.25m, 24m * 90).WithMessage("Resolution: between 15 minutes and 90 days.")
                    .GreaterThanOrEqualTo(x => x.FirstResponseHours).WithMessage("Resolution cannot come before the first response.");
            });
            RuleFor(c => c.AtRiskPercent).InclusiveBetween(50, 99).WithMessage("“At risk” is between 50 % and 99 % of the time.");
            RuleFor(c => c.TimeZoneId).Must(BeAZone).WithMessage("Use a time zone id such as Europe/London or America/New_York.");
            RuleFor(c => c.BusinessHours).Must(BeHours).WithMessage("Write 24x7, or days and hours such as: Mon-Fri 09:00-17:00; Sat 10:00-14:00.");
        }

        private static bool BeAZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out _);

        private static bool BeHours(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            try
            {
                SlaPolicies.ParseCalendar(text, TimeZoneInfo.Utc);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }

    internal sealed class Handler(AppDbContext db, SlaPolicies policies, AuditTrail audit) : IRequestHandler<Save, int>
    {
        public async Task<int> Handle(Save request, CancellationToken cancellationToken)
        {
            var rows = await db.SlaTargets.ToListAsync(cancellationToken);
            foreach (var t in request.Targets)
            {
                var row = rows.SingleOrDefault(r => r.Severity == t.Severity) ?? db.SlaTargets.Add(new SlaTargetRow { Severity = t.Severity }).Entity;
                row.FirstResponseMinutes = (int)Math.Round(t.FirstResponseHours * 60);
                row.ResolutionMinutes = (int)Math.Round(t.ResolutionHours * 60);
            }

            var settings = await db.SlaSettings.SingleOrDefaultAsync(cancellationToken) ?? db.SlaSettings.Add(new SlaSettingsRow()).Entity;
            settings.TimeZoneId = request.TimeZoneId;
            settings.BusinessHours = request.BusinessHours.Trim();
            settings.AtRiskPercent = request.AtRiskPercent;
            audit.Record("sla.changed", "SLA policy",
                string.Join("; ", request.Targets.Select(t => $"{t.Severity} {t.FirstResponseHours:0.##} h / {t.ResolutionHours:0.##} h")) + $"; {settings.BusinessHours} ({settings.TimeZoneId}); at risk {settings.AtRiskPercent} %.");

            // Every open case's stored deadlines follow the new policy (in the same transaction).
            var policy = SlaPolicies.Build(request.Targets.Select(t => new SlaTargetRow
            {
                Severity = t.Severity, FirstResponseMinutes = (int)Math.Round(t.FirstResponseHours * 60), ResolutionMinutes = (int)Math.Round(t.ResolutionHours * 60),
            }).ToList(), settings);
            var open = await db.Cases.Where(c => QueueQuery.OpenStages.Contains(c.Stage)).Include(c => c.WaitingPeriods).ToListAsync(cancellationToken);
            foreach (var c in open)
            {
                c.RecomputeSla(policy);
            }

            policies.Forget();
            return open.Count;
        }
    }
}
