using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Web.Features.Cases;

public sealed record TimelineLine(int Sequence, DateTimeOffset At, string ActorName, string Summary, Stage? FromStage, Stage? ToStage, string? Details, string? Note);
