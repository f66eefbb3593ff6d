namespace ServiceRecovery.Web.Infrastructure.Cases;

/// <summary>
/// What every step form carries besides its own fields: which case, the version it was loaded at (xmin and the
/// timeline position) and a request id that makes a double submit harmless.
/// </summary>
public abstract class CaseStepCommand : Infrastructure.Mediation.ICommand<StepOutcome>
{
    public string Reference { get; set; } = "";

    /// <summary>The case row's xmin when the form was loaded.</summary>
    public uint Version { get; set; }

    /// <summary>The last timeline entry the person had seen.</summary>
    public int SeenSequence { get; set; }

    /// <summary>New for every form load; the same value posted twice is recorded once.</summary>
    public Guid RequestId { get; set; }
}
