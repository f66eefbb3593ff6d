using ServiceRecovery.Domain.Surveys;

namespace ServiceRecovery.Domain.Cases.Events;

/// <summary>The customer answered a survey link of the case; <paramref name="Effect"/> says what it did to the case.</summary>
public sealed record SurveyAnswered(Guid CaseId, string Reference, Guid InvitationId, bool Fixed, bool WantsContact, SurveyAnswerEffect Effect, DateTimeOffset At) : ICaseEvent;
