namespace ServiceRecovery.Web.Features.Cases;

/// <summary>What <c>_StepLayout</c> shows around every step form: the case header, why the step is not open, what changed.</summary>
public interface ICaseStepView
{
    CaseHeaderModel Header { get; }

    /// <summary>Why the form is not offered (the step is not open now), or null.</summary>
    string? NotAvailable { get; }

    /// <summary>Timeline entries written by others since the form was loaded (after a conflict).</summary>
    IReadOnlyList<TimelineLine> Changes { get; }
}
