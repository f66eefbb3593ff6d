using System.Globalization;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Surveys;

namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// The customer's voice after the recovery: one-time survey links (<see cref="SurveyInvitation"/>) and their answers,
/// with the latest answer kept on the case for the dashboards (<see cref="Csat"/>, <see cref="NpsAfter"/>) beside the
/// NPS asked at intake (<see cref="NpsBefore"/>). ADR 0016.
/// </summary>
public sealed partial class RecoveryCase
{
    /// <summary>Longest a survey link may stay valid.</summary>
    public static readonly TimeSpan MaxSurveyValidity = TimeSpan.FromDays(365);

    private readonly List<SurveyInvitation> _surveyInvitations = [];

    /// <summary>The survey links of the case (when loaded).</summary>
    public IReadOnlyList<SurveyInvitation> SurveyInvitations => _surveyInvitations.AsReadOnly();

    /// <summary>"How likely are you to recommend us to a friend?" (0–10), asked at intake when the customer was willing to say.</summary>
    public int? NpsBefore { get; private set; }

    /// <summary>The latest survey answer's CSAT (1–5).</summary>
    public int? Csat { get; private set; }

    /// <summary>The latest survey answer's NPS (0–10).</summary>
    public int? NpsAfter { get; private set; }

    /// <summary>When the latest survey answer came in.</summary>
    public DateTimeOffset? SurveyAnsweredAt { get; private set; }

    /// <summary>
    /// The customer answered a survey since the current follow-up round began (the latest <see cref="ScheduleFollowUp"/>):
    /// then closing the case sends no second link. Needs <see cref="FollowUps"/> loaded.
    /// </summary>
    public bool SurveyAnsweredThisRound =>
        SurveyAnsweredAt is { } answered
        && _followUps.Where(f => f.Attempt == 1).MaxBy(f => f.Number) is { } roundStart
        && answered >= roundStart.ScheduledAt;

    /// <summary>Why a survey link cannot be issued now, or null when it can (for the case page, and the rule itself).</summary>
    public string? SurveyRefusal => Stage switch
    {
        Stage.Withdrawn => "This case was withdrawn: there is nothing to ask the customer about.",
        Stage.FollowUpDue or Stage.Closed or Stage.ClosedWithoutRecovery => null,
        _ => "A survey link can be issued once the case reaches follow-up.",
    };

    /// <summary>
    /// Issues a one-time survey link and returns its token (the only time it exists: only its hash is kept). The
    /// random bytes come from the caller (a cryptographic generator). Allowed from follow-up on, never on a withdrawn
    /// case; a link issued by staff needs them to be allowed to act on the case; the customer issues none.
    /// The link is recorded as a <see cref="SurveyInvitation"/> (who, when, why), not on the timeline: it changes nothing
    /// about the case, so it does not move the case's version under someone's open form (ADR 0016).
    /// </summary>
    public string IssueSurveyInvitation(ReadOnlySpan<byte> random, string language, SurveyIssueReason reason, TimeSpan validFor, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (ctx.Actor.IsCustomer || ctx.Actor.Roles == StaffRole.None)
        {
            throw new CaseAccessDeniedException("Only staff issue survey links.");
        }

        if (reason == SurveyIssueReason.Staff)
        {
            EnsureMayAct(ctx.Actor);
        }

        Guard.Defined(reason, "The reason for the survey link");
        var checkedLanguage = CustomerLanguages.Require(language);
        if (validFor <= TimeSpan.Zero || validFor > MaxSurveyValidity)
        {
            throw new DomainException("A survey link is valid for between one day and a year.", "survey.validity");
        }

        if (SurveyRefusal is { } refusal)
        {
            throw new DomainException(refusal, "survey.not_now");
        }

        if (reason == SurveyIssueReason.Closed && SurveyAnsweredThisRound)
        {
            throw new DomainException("The customer has already answered the survey for this follow-up.", "survey.already_answered");
        }

        var token = SurveyToken.Encode(random);
        var hash = SurveyToken.HashOf(token)!;
        _surveyInvitations.Add(new SurveyInvitation(Id, hash, checkedLanguage, reason, ctx.Now + validFor, ctx));
        return token;
    }

    /// <summary>
    /// The customer's answer through their link (<paramref name="ctx"/> carries <see cref="Actor.Customer"/>). The link
    /// must be one of this case's, not used, not expired, and the case not withdrawn. The answer goes on the timeline and
    /// on the case (<see cref="Csat"/>, <see cref="NpsAfter"/>); every other open link of the case is spent. While the case
    /// waits in follow-up, "fixed" closes it as recovered and "not fixed" reopens it (back to Listened, the comment as the
    /// reason) — the table's RecordSatisfied and RecordNotSatisfied rows; on a closed case the answer is recorded and the
    /// owner told (<see cref="SurveyAnswerEffect.NotFixedAfterClose"/>): a closed outcome is not rewritten by a form.
    /// </summary>
    public SurveyAnswerEffect RecordSurveyAnswer(string token, SurveyAnswer answer, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(ctx);
        if (!ctx.Actor.IsCustomer)
        {
            throw new CaseAccessDeniedException("Only the customer answers the survey, through their own link.");
        }

        var invitation = FindInvitation(token)
            ?? throw new DomainException("This survey link is not valid.", SurveyRefusals.UnknownLink);
        switch (invitation.StateAt(ctx.Now))
        {
            case SurveyInvitationState.Answered or SurveyInvitationState.Superseded:
                throw new DomainException("Thank you, we have your answer.", SurveyRefusals.AlreadyAnswered);
            case SurveyInvitationState.Expired:
                throw new DomainException("This survey link has expired.", SurveyRefusals.Expired);
        }

        if (Stage == Stage.Withdrawn)
        {
            throw new DomainException("This survey is closed.", SurveyRefusals.Closed);
        }

        var checkedAnswer = answer.Check();
        invitation.Answer(checkedAnswer, ctx.Now);
        foreach (var other in _surveyInvitations.Where(i => i != invitation && i.StateAt(ctx.Now) == SurveyInvitationState.Open))
        {
            other.Supersede(ctx.Now);
        }

        Csat = checkedAnswer.Csat;
        NpsAfter = checkedAnswer.Nps;
        SurveyAnsweredAt = ctx.Now;
        Append(
            ctx,
            TimelineKinds.SurveyAnswered,
            checkedAnswer.Fixed ? "The customer answered the survey: everything is fixed" : "The customer answered the survey: not fixed",
            fromStage: null,
            toStage: null,
            details: string.Create(CultureInfo.InvariantCulture, $"CSAT {checkedAnswer.Csat}/5 · NPS {checkedAnswer.Nps}/10 · contact wanted: {(checkedAnswer.WantsContact ? "yes" : "no")}"),
            note: checkedAnswer.Comment);

        var effect = Stage == Stage.FollowUpDue
            ? (checkedAnswer.Fixed ? CloseFromSurvey(checkedAnswer, ctx) : ReopenFromSurvey(checkedAnswer, ctx))
            : IsTerminal && !checkedAnswer.Fixed ? SurveyAnswerEffect.NotFixedAfterClose
            : SurveyAnswerEffect.Recorded;
        Raise(new SurveyAnswered(Id, Reference, invitation.Id, checkedAnswer.Fixed, checkedAnswer.WantsContact, effect, ctx.Now));
        return effect;
    }

    /// <summary>The invitation whose hash matches, compared in constant time against every one (no early exit).</summary>
    private SurveyInvitation? FindInvitation(string token)
    {
        var hash = SurveyToken.HashOf(token);
        if (hash is null)
        {
            return null;
        }

        SurveyInvitation? found = null;
        foreach (var invitation in _surveyInvitations)
        {
            if (SurveyToken.Matches(hash, invitation.TokenHash))
            {
                found = invitation;
            }
        }

        return found;
    }

    private SurveyAnswerEffect CloseFromSurvey(SurveyAnswer answer, ActionContext ctx)
    {
        var to = RequireForCustomer(CaseAction.RecordSatisfied);
        PendingFollowUp?.RecordOutcome(FollowUpOutcome.Satisfied, answer.Comment, ctx);
        Close(CaseOutcome.Recovered, ctx);
        MoveTo(to, ctx, TimelineKinds.Satisfied, "Survey: the customer says everything is fixed; case closed as recovered", note: answer.Comment);
        return SurveyAnswerEffect.ClosedAsRecovered;
    }

    private SurveyAnswerEffect ReopenFromSurvey(SurveyAnswer answer, ActionContext ctx)
    {
        var to = RequireForCustomer(CaseAction.RecordNotSatisfied);
        var reason = answer.Comment ?? "The customer answered “not fixed” in the survey (no comment).";
        PendingFollowUp?.RecordOutcome(FollowUpOutcome.NotSatisfied, reason, ctx);
        Reopen(to, "Survey: the customer says it is not fixed; case reopened to fix it again", reason, ctx);
        return SurveyAnswerEffect.Reopened;
    }

    /// <summary>
    /// The customer's way through <see cref="Transitions"/>: the same table rows as staff, without the staff-only access
    /// rule (the customer may do exactly this, nothing else) and without taking ownership.
    /// </summary>
    private Stage RequireForCustomer(CaseAction action) =>
        Transitions.TryGet(Stage, action, out var to) && GuardAllows(action)
            ? to
            : throw new DomainException(Transitions.Refusal(Stage, action), "case.transition_refused");
}

/// <summary>The codes of a survey answer's refusals (the public page tells them apart without revealing anything).</summary>
public static class SurveyRefusals
{
    public const string UnknownLink = "survey.unknown_link";
    public const string AlreadyAnswered = "survey.already_answered";
    public const string Expired = "survey.expired";
    public const string Closed = "survey.closed";
}
