using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>What was said to apologize, by whom and when. One per case.</summary>
public sealed class Apology
{
    private Apology()
    {
        Words = CoachingHints = ByName = string.Empty;
    }

    internal Apology(Guid caseId, string words, string coachingHints, ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        Words = words;
        CoachingHints = coachingHints;
        ById = ctx.Actor.UserId;
        ByName = ctx.Actor.Name;
        At = ctx.Now;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string Words { get; private set; }

    /// <summary>The coaching phrases flagged when the apology was made, joined with "; " (empty when none).</summary>
    public string CoachingHints { get; private set; }

    public Guid ById { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }
}
