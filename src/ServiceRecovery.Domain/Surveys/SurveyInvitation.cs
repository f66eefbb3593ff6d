using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Surveys;

/// <summary>Why a survey link was issued.</summary>
public enum SurveyIssueReason
{
    /// <summary>The case reached follow-up: the link goes to the customer by e-mail.</summary>
    FollowUp,

    /// <summary>The case closed without an answer in this round: the link goes again.</summary>
    Closed,

    /// <summary>A member of staff took a link to read out or text (phone, SMS).</summary>
    Staff,
}

/// <summary>Where a survey link stands.</summary>
public enum SurveyInvitationState
{
    Open,
    Answered,

    /// <summary>Another link of the same case was answered first: this one is spent too.</summary>
    Superseded,
    Expired,
}

/// <summary>
/// A one-time survey link of a case (a child of <see cref="Cases.RecoveryCase"/>): the hash of its token, when it was
/// issued and expires, the language of the invitation, and, once answered, the answer. Created and answered only by the
/// case (<c>RecoveryCase.IssueSurveyInvitation</c>, <c>RecordSurveyAnswer</c>).
/// </summary>
public sealed class SurveyInvitation
{
    private SurveyInvitation()
    {
        TokenHash = [];
        Language = string.Empty;
    }

    internal SurveyInvitation(Guid caseId, byte[] tokenHash, string language, SurveyIssueReason reason, DateTimeOffset expiresAt, ActionContext ctx)
    {
        Id = Guid.CreateVersion7(ctx.Now);
        CaseId = caseId;
        TokenHash = tokenHash;
        Language = language;
        Reason = reason;
        IssuedAt = ctx.Now;
        ExpiresAt = expiresAt;
        IssuedById = ctx.Actor.UserId;
        IssuedByName = ctx.Actor.Name;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>SHA-256 of the token (<see cref="SurveyToken"/>); the token itself is never stored.</summary>
    public byte[] TokenHash { get; private set; }

    /// <summary>The language the invitation was written in, and the survey page's default (<c>en</c>, <c>vi</c>).</summary>
    public string Language { get; private set; }

    public SurveyIssueReason Reason { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public Guid IssuedById { get; private set; }

    public string IssuedByName { get; private set; } = string.Empty;

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>Set when another link of the case was answered first.</summary>
    public DateTimeOffset? SupersededAt { get; private set; }

    /// <summary>"Have we fixed everything for you?"</summary>
    public bool? Fixed { get; private set; }

    public string? Comment { get; private set; }

    public int? Csat { get; private set; }

    public int? Nps { get; private set; }

    public bool? WantsContact { get; private set; }

    public SurveyInvitationState StateAt(DateTimeOffset now) =>
        AnsweredAt is not null ? SurveyInvitationState.Answered
        : SupersededAt is not null ? SurveyInvitationState.Superseded
        : now >= ExpiresAt ? SurveyInvitationState.Expired
        : SurveyInvitationState.Open;

    internal void Answer(SurveyAnswer answer, DateTimeOffset now)
    {
        AnsweredAt = now;
        Fixed = answer.Fixed;
        Comment = answer.Comment;
        Csat = answer.Csat;
        Nps = answer.Nps;
        WantsContact = answer.WantsContact;
    }

    internal void Supersede(DateTimeOffset now) => SupersededAt = now;
}
