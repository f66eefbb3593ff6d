namespace ServiceRecovery.Domain.Surveys;

/// <summary>What a survey answer did to its case.</summary>
public enum SurveyAnswerEffect
{
    /// <summary>Recorded only: the case was not waiting for follow-up (it was reopened already, or it is closed and the customer is content).</summary>
    Recorded,

    /// <summary>"Fixed" while the case waited in follow-up: closed as recovered.</summary>
    ClosedAsRecovered,

    /// <summary>"Not fixed" while the case waited in follow-up: back to fixing, ReopenCount + 1.</summary>
    Reopened,

    /// <summary>"Not fixed" on a case that is already closed: it stays closed (the outcome is history), the owner is told.</summary>
    NotFixedAfterClose,
}
