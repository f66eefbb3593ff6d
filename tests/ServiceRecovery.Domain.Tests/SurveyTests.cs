using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Surveys;

namespace ServiceRecovery.Domain.Tests;

/// <summary>Survey links: issued from follow-up on, answered once, by the customer, with what the answer does to the case.</summary>
public sealed class SurveyTests
{
    private static readonly TimeSpan ThirtyDays = TimeSpan.FromDays(30);
    private static readonly Actor Customer = Actor.Customer("Jane Guest");
    private static readonly SurveyAnswer Fixed = new(Fixed: true, "Lovely, thank you", Csat: 5, Nps: 9, WantsContact: false);
    private static readonly SurveyAnswer NotFixed = new(Fixed: false, "The shower still leaks", Csat: 2, Nps: 3, WantsContact: true);

    private static ActionContext Later(Actor actor, double hours = 1) => Clock.As(actor, Clock.Now.AddHours(hours));

    private static string Issue(RecoveryCase c, SurveyIssueReason reason = SurveyIssueReason.FollowUp, Actor? by = null, TimeSpan? validFor = null) =>
        c.IssueSurveyInvitation(Random(), "vi", reason, validFor ?? ThirtyDays, Clock.As(by ?? People.Ana));

    private static byte[] Random() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(SurveyToken.RandomBytes);

    [Fact]
    public void Issuing_keeps_only_the_hash_and_returns_the_token_once()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);

        Assert.Equal(SurveyToken.Length, token.Length);
        var invitation = Assert.Single(c.SurveyInvitations);
        Assert.Equal(SurveyToken.HashOf(token), invitation.TokenHash);
        Assert.DoesNotContain(token, System.Text.Encoding.ASCII.GetString(invitation.TokenHash));
        Assert.Equal("vi", invitation.Language);
        Assert.Equal(Clock.Now + ThirtyDays, invitation.ExpiresAt);
        Assert.Equal(SurveyInvitationState.Open, invitation.StateAt(Clock.Now));
        Assert.Equal("Ana", invitation.IssuedByName);
        Assert.Equal(SurveyIssueReason.FollowUp, invitation.Reason);
        Assert.NotEqual(TimelineKinds.SurveyAnswered, c.Timeline[^1].Kind);
    }

    [Fact]
    public void Two_links_never_share_a_token()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        Assert.NotEqual(Issue(c), Issue(c));
    }

    [Theory]
    [InlineData(Stage.Logged)]
    [InlineData(Stage.Listened)]
    [InlineData(Stage.Fixed)]
    [InlineData(Stage.Atoned)]
    [InlineData(Stage.Withdrawn)]
    public void No_link_before_follow_up_or_on_a_withdrawn_case(Stage stage)
    {
        var c = CaseBuilder.At(stage);
        var refused = Assert.Throws<DomainException>(() => Issue(c, by: People.Sue));
        Assert.Equal("survey.not_now", refused.Code);
        Assert.Empty(c.SurveyInvitations);
    }

    [Theory]
    [InlineData(Stage.Closed)]
    [InlineData(Stage.ClosedWithoutRecovery)]
    public void A_closed_case_gets_a_link(Stage stage)
    {
        var c = CaseBuilder.At(stage);
        Issue(c, SurveyIssueReason.Closed);
        Assert.Single(c.SurveyInvitations);
    }

    [Fact]
    public void Staff_who_may_not_act_on_the_case_cannot_take_a_link_and_the_customer_issues_none()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue); // owned by Ana
        Assert.Throws<CaseAccessDeniedException>(() => Issue(c, SurveyIssueReason.Staff, People.Ben));
        Assert.Throws<CaseAccessDeniedException>(() => Issue(c, SurveyIssueReason.Staff, Customer));
        Issue(c, SurveyIssueReason.Staff, People.Sue);
        Assert.Single(c.SurveyInvitations);
    }

    [Fact]
    public void Fixed_closes_a_case_waiting_in_follow_up_as_recovered()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        c.ClearEvents();

        var effect = c.RecordSurveyAnswer(token, Fixed, Later(Customer));

        Assert.Equal(SurveyAnswerEffect.ClosedAsRecovered, effect);
        Assert.Equal(Stage.Closed, c.Stage);
        Assert.Equal(CaseOutcome.Recovered, c.Outcome);
        Assert.Equal(5, c.Csat);
        Assert.Equal(9, c.NpsAfter);
        Assert.Equal(Clock.Now.AddHours(1), c.SurveyAnsweredAt);
        Assert.Equal(FollowUpOutcome.Satisfied, c.LatestFollowUp!.Outcome);
        Assert.Equal("Ana", c.OwnerName); // the customer never becomes the owner
        Assert.Equal([TimelineKinds.SurveyAnswered, TimelineKinds.Satisfied], c.Timeline.TakeLast(2).Select(t => t.Kind));
        Assert.All(c.Timeline.TakeLast(2), t => Assert.Equal("Jane Guest", t.ActorName));
        Assert.Contains(c.Events, e => e is CaseClosed);
        Assert.Contains(c.Events, e => e is SurveyAnswered { Effect: SurveyAnswerEffect.ClosedAsRecovered });
        Assert.True(c.SurveyAnsweredThisRound);
    }

    [Fact]
    public void Not_fixed_reopens_with_the_comment_as_the_reason()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);

        var effect = c.RecordSurveyAnswer(token, NotFixed, Later(Customer));

        Assert.Equal(SurveyAnswerEffect.Reopened, effect);
        Assert.Equal(Stage.Listened, c.Stage);
        Assert.Equal(1, c.ReopenCount);
        Assert.Null(c.FollowUpDueOn);
        var reopened = c.Timeline[^1];
        Assert.Equal(TimelineKinds.Reopened, reopened.Kind);
        Assert.Equal("The shower still leaks", reopened.Note);
        Assert.Equal(Stage.FollowUpDue, reopened.FromStage);
        Assert.Equal(FollowUpOutcome.NotSatisfied, c.LatestFollowUp!.Outcome);
        Assert.Equal(2, c.Csat);
        Assert.Equal(3, c.NpsAfter);
        Assert.Contains(c.Events, e => e is SurveyAnswered { Effect: SurveyAnswerEffect.Reopened, WantsContact: true });
    }

    [Fact]
    public void Not_fixed_without_a_comment_still_gives_a_reason()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        c.RecordSurveyAnswer(token, NotFixed with { Comment = "  " }, Later(Customer));
        Assert.Contains("not fixed", c.Timeline[^1].Note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_answers_once()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        c.RecordSurveyAnswer(token, NotFixed, Later(Customer));

        var again = Assert.Throws<DomainException>(() => c.RecordSurveyAnswer(token, Fixed, Later(Customer, 2)));

        Assert.Equal(SurveyRefusals.AlreadyAnswered, again.Code);
        Assert.Equal(Stage.Listened, c.Stage);
        Assert.Equal(2, c.Csat);
    }

    [Fact]
    public void Answering_one_link_spends_the_other_open_links_of_the_case()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var first = Issue(c);
        var second = Issue(c, SurveyIssueReason.Staff);
        c.RecordSurveyAnswer(second, NotFixed, Later(Customer));

        var refused = Assert.Throws<DomainException>(() => c.RecordSurveyAnswer(first, Fixed, Later(Customer, 2)));
        Assert.Equal(SurveyRefusals.AlreadyAnswered, refused.Code);
        Assert.Equal(SurveyInvitationState.Superseded, c.SurveyInvitations[0].StateAt(Clock.Now.AddHours(2)));
    }

    [Fact]
    public void An_expired_link_cannot_answer()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c, validFor: TimeSpan.FromDays(30));

        var refused = Assert.Throws<DomainException>(() => c.RecordSurveyAnswer(token, Fixed, Later(Customer, 30 * 24)));

        Assert.Equal(SurveyRefusals.Expired, refused.Code);
        Assert.Equal(Stage.FollowUpDue, c.Stage);
        Assert.Null(c.Csat);
        // A second before the end, it still works.
        c.RecordSurveyAnswer(token, Fixed, Later(Customer, (30 * 24) - 0.001));
        Assert.Equal(Stage.Closed, c.Stage);
    }

    [Fact]
    public void A_token_of_another_case_or_a_malformed_one_cannot_answer()
    {
        var mine = CaseBuilder.At(Stage.FollowUpDue);
        Issue(mine);
        var other = CaseBuilder.At(Stage.FollowUpDue);
        var othersToken = Issue(other);

        foreach (var token in new[] { othersToken, "", "not-a-token", othersToken[..^1] + "!", new string('A', SurveyToken.Length) })
        {
            var refused = Assert.Throws<DomainException>(() => mine.RecordSurveyAnswer(token, Fixed, Later(Customer)));
            Assert.Equal(SurveyRefusals.UnknownLink, refused.Code);
        }

        Assert.Equal(Stage.FollowUpDue, mine.Stage);
        Assert.Equal(Stage.FollowUpDue, other.Stage);
    }

    [Fact]
    public void Only_the_customer_answers_the_survey()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        Assert.Throws<CaseAccessDeniedException>(() => c.RecordSurveyAnswer(token, Fixed, Later(People.Ana)));
        Assert.Equal(Stage.FollowUpDue, c.Stage);
    }

    [Fact]
    public void The_customer_actor_can_do_nothing_else_on_a_case()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue, unassigned: true);
        Assert.False(c.MayBeActedOnBy(Customer));
        Assert.Empty(c.AllowedActionsFor(Customer));
        Assert.Throws<CaseAccessDeniedException>(() => c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, Later(Customer)));
        Assert.Throws<CaseAccessDeniedException>(() => c.Withdraw(WithdrawReason.Duplicate, "x", Later(Customer)));
    }

    [Fact]
    public void An_answer_on_an_unassigned_case_does_not_make_the_customer_its_owner()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue, unassigned: true);
        var token = Issue(c, by: People.Sue);
        c.RecordSurveyAnswer(token, NotFixed, Later(Customer));
        Assert.Null(c.OwnerId);
        Assert.Equal(Stage.Listened, c.Stage);
    }

    [Fact]
    public void Not_fixed_after_the_staff_closed_the_case_is_recorded_and_the_case_stays_closed()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        CaseBuilder.Perform(c, CaseAction.RecordSatisfied, Clock.As(People.Ana)); // the phone call said "fine"
        c.ClearEvents();

        var effect = c.RecordSurveyAnswer(token, NotFixed, Later(Customer));

        Assert.Equal(SurveyAnswerEffect.NotFixedAfterClose, effect);
        Assert.Equal(Stage.Closed, c.Stage);
        Assert.Equal(CaseOutcome.Recovered, c.Outcome);
        Assert.Equal(0, c.ReopenCount);
        Assert.Equal(2, c.Csat);
        Assert.Equal(TimelineKinds.SurveyAnswered, c.Timeline[^1].Kind);
        Assert.Contains(c.Events, e => e is SurveyAnswered { Effect: SurveyAnswerEffect.NotFixedAfterClose });
        Assert.DoesNotContain(c.Events, e => e is CaseClosed);
    }

    [Fact]
    public void Fixed_after_the_staff_closed_the_case_is_only_recorded()
    {
        var c = CaseBuilder.At(Stage.ClosedWithoutRecovery);
        var token = Issue(c, SurveyIssueReason.Closed);
        Assert.Equal(SurveyAnswerEffect.Recorded, c.RecordSurveyAnswer(token, Fixed, Later(Customer)));
        Assert.Equal(Stage.ClosedWithoutRecovery, c.Stage);
        Assert.Equal(9, c.NpsAfter);
    }

    [Fact]
    public void An_answer_on_a_withdrawn_case_is_refused()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        CaseBuilder.Perform(c, CaseAction.Withdraw, Clock.As(People.Ana));

        var refused = Assert.Throws<DomainException>(() => c.RecordSurveyAnswer(token, Fixed, Later(Customer)));

        Assert.Equal(SurveyRefusals.Closed, refused.Code);
        Assert.Null(c.Csat);
        Assert.Equal(Stage.Withdrawn, c.Stage);
    }

    [Fact]
    public void No_second_link_on_close_when_the_round_was_answered_but_a_new_round_asks_again()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        c.RecordSurveyAnswer(token, NotFixed, Later(Customer));
        Assert.False(c.SurveyRefusal is null && !c.SurveyAnsweredThisRound && c.Stage == Stage.FollowUpDue);

        // Fixed again and followed up later: a new round, not answered yet.
        var later = Later(People.Ana, 2);
        CaseBuilder.Perform(c, CaseAction.Fix, later);
        c.ScheduleFollowUp(Clock.Today.AddDays(1), later);
        Assert.False(c.SurveyAnsweredThisRound);
        c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, later);
        Issue(c, SurveyIssueReason.Closed);
        Assert.Equal(2, c.SurveyInvitations.Count);
    }

    [Fact]
    public void A_second_link_on_close_is_refused_once_answered()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        c.RecordSurveyAnswer(Issue(c), Fixed, Later(Customer));
        var refused = Assert.Throws<DomainException>(() => Issue(c, SurveyIssueReason.Closed));
        Assert.Equal("survey.already_answered", refused.Code);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(6, 5)]
    [InlineData(3, -1)]
    [InlineData(3, 11)]
    public void Scores_out_of_range_are_refused(int csat, int nps)
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        Assert.Throws<DomainException>(() => c.RecordSurveyAnswer(token, Fixed with { Csat = csat, Nps = nps }, Later(Customer)));
        Assert.Equal(SurveyInvitationState.Open, c.SurveyInvitations[0].StateAt(Clock.Now));
        Assert.Equal(Stage.FollowUpDue, c.Stage);
    }

    [Fact]
    public void A_comment_with_a_control_character_or_too_long_is_refused()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        var token = Issue(c);
        Assert.Throws<DomainException>(() => c.RecordSurveyAnswer(token, Fixed with { Comment = "a\0b" }, Later(Customer)));
        Assert.Throws<DomainException>(() => c.RecordSurveyAnswer(token, Fixed with { Comment = new string('x', FieldLimits.FreeText + 1) }, Later(Customer)));
        Assert.Equal(Stage.FollowUpDue, c.Stage);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Before_nps_is_0_to_10(int nps)
    {
        Assert.Throws<DomainException>(() => RecoveryCase.Log(
            CaseReference.Format(2026, 1), CaseBuilder.CustomerId, Channel.Phone, "Room", Severity.Minor, null, "Noise", null, null, null, null, null, Clock.As(People.Ana), npsBefore: nps));
    }

    [Fact]
    public void Before_nps_is_kept()
    {
        var c = RecoveryCase.Log(
            CaseReference.Format(2026, 1), CaseBuilder.CustomerId, Channel.Phone, "Room", Severity.Minor, null, "Noise", null, null, null, null, null, Clock.As(People.Ana), npsBefore: 4);
        Assert.Equal(4, c.NpsBefore);
        Assert.Null(CaseBuilder.Logged().NpsBefore);
    }

    [Fact]
    public void A_token_hash_matches_only_its_token()
    {
        var random = Random();
        var token = SurveyToken.Encode(random);
        Assert.True(SurveyToken.Matches(SurveyToken.HashOf(token), System.Security.Cryptography.SHA256.HashData(random)));
        Assert.Null(SurveyToken.HashOf(token + "A"));
        Assert.Null(SurveyToken.HashOf("%%%%%%%%%%%%%%%%%%%%%%"));
        Assert.False(SurveyToken.Matches(SurveyToken.HashOf(SurveyToken.Encode(Random())), SurveyToken.HashOf(token)));
    }
}
