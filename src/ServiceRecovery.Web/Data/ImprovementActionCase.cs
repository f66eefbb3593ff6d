namespace ServiceRecovery.Web.Data;

/// <summary>A case linked to an improvement action as evidence of the problem it addresses.</summary>
public sealed class ImprovementActionCase
{
    private ImprovementActionCase()
    {
    }

    public ImprovementActionCase(Guid actionId, Guid caseId, Guid linkedById, DateTimeOffset linkedAt)
    {
        ActionId = actionId;
        CaseId = caseId;
        LinkedById = linkedById;
        LinkedAt = linkedAt;
    }

    public Guid ActionId { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid LinkedById { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }
}
