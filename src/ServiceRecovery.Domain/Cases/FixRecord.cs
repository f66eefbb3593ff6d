using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Cases;

/// <summary>What was done to fix the problem. A reopened case gets another one.</summary>
public sealed class FixRecord
{
    private FixRecord()
    {
        WhatWasDone = ByName = string.Empty;
    }

    internal FixRecord(Guid caseId, int number, string whatWasDone, bool resolvedAtFirstContact, ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        Number = number;
        WhatWasDone = whatWasDone;
        ResolvedAtFirstContact = resolvedAtFirstContact;
        ById = ctx.Actor.UserId;
        ByName = ctx.Actor.Name;
        At = ctx.Now;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1, 2, ... in the order the fixes were recorded on the case.</summary>
    public int Number { get; private set; }

    public string WhatWasDone { get; private set; }

    /// <summary>Feeds the first-contact-resolution KPI.</summary>
    public bool ResolvedAtFirstContact { get; private set; }

    public Guid ById { get; private set; }

    public string ByName { get; private set; }

    public DateTimeOffset At { get; private set; }
}
