namespace ServiceRecovery.Domain.Cases;

/// <summary>How a case ended; null while it is open.</summary>
public enum CaseOutcome
{
    Recovered,
    Unsatisfied,
    Unreachable,
    Withdrawn,
}

/// <summary>Why a case was withdrawn.</summary>
public enum WithdrawReason
{
    Duplicate,
    LoggedInError,
}
