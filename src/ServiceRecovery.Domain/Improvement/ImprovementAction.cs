using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Improvement;

/// <summary>
/// A change to a process, opened by its owner (or a manager) against one root cause: what will change, who does it,
/// by when. Cases of that cause are linked to it as evidence; when it is done, the rate of the cause before and after
/// is compared (<see cref="RateComparison"/>).
/// </summary>
public sealed class ImprovementAction
{
    public const int MaxWhatLength = 1000;

    private ImprovementAction()
    {
        WhatWillChange = OwnerName = OpenedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid RootCauseId { get; private set; }

    public string WhatWillChange { get; private set; }

    public Guid OwnerId { get; private set; }

    public string OwnerName { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public Guid OpenedById { get; private set; }

    public string OpenedByName { get; private set; }

    /// <summary>The day the change was in place; null while open.</summary>
    public DateOnly? DoneOn { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public bool IsDone => DoneOn is not null;

    public static ImprovementAction Open(Guid rootCauseId, string whatWillChange, Guid ownerId, string ownerName, DateOnly dueOn, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (rootCauseId == Guid.Empty)
        {
            throw new DomainException("Choose the root cause this action addresses.", "validation.required");
        }

        if (ownerId == Guid.Empty)
        {
            throw new DomainException("Choose who will make the change.", "validation.required");
        }

        if (dueOn < ctx.Today)
        {
            throw new DomainException("The due date is in the past; choose today or a later day.", "improvement.due_in_past");
        }

        return new ImprovementAction
        {
            Id = Guid.CreateVersion7(ctx.Now),
            RootCauseId = rootCauseId,
            WhatWillChange = Guard.Required(whatWillChange, "What will change", MaxWhatLength),
            OwnerId = ownerId,
            OwnerName = Guard.Required(ownerName, "The owner's name", FieldLimits.PersonName),
            DueOn = dueOn,
            OpenedAt = ctx.Now,
            OpenedById = ctx.Actor.UserId,
            OpenedByName = ctx.Actor.Name,
        };
    }

    /// <summary>Marks the change as in place on <paramref name="doneOn"/> (not in the future; it may be before the action was recorded, for a change already made); once.</summary>
    public void MarkDone(DateOnly doneOn, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (IsDone)
        {
            throw new DomainException($"This action was already marked done on {DoneOn:yyyy-MM-dd}.", "improvement.already_done");
        }

        if (doneOn > ctx.Today)
        {
            throw new DomainException("The done date is in the future; mark the action done once the change is in place.", "improvement.done_in_future");
        }

        DoneOn = doneOn;
        DoneAt = ctx.Now;
    }
}
