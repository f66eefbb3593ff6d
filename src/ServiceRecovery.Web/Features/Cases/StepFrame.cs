using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Features.Cases;

/// <summary>Model of the <c>_StepForm</c> partial.</summary>
public sealed record StepFrame(CaseStepCommand Command);
