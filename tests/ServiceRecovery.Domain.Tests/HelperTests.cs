using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Domain.Tests;

public class ApologyCoachTests
{
    [Fact]
    public void Coaching_flags_I_understand_and_suggests_I_can_only_imagine_how_you_feel()
    {
        var hints = ApologyCoach.Review("I'm sorry. I understand this is annoying.");

        var hint = Assert.Single(hints);
        Assert.Equal("I understand", hint.Phrase);
        Assert.Equal("I can only imagine how you feel", hint.Suggestion);
        Assert.False(string.IsNullOrWhiteSpace(hint.Why));
    }

    [Theory]
    [InlineData("Sorry, i UNDERSTAND.", "I understand")]
    [InlineData("Sorry, but it’s our policy.", "it's our policy")]
    [InlineData("Sorry, but it's   our\npolicy.", "it's our policy")]
    [InlineData("Sorry, THERE’S NOTHING I CAN DO", "there's nothing I can do")]
    [InlineData("Sorry. \"Calm down\", please.", "calm down")]
    public void Coaching_ignores_case_spacing_and_apostrophe_style(string words, string flagged)
    {
        Assert.Contains(ApologyCoach.Review(words), h => h.Phrase == flagged);
    }

    [Fact]
    public void Coaching_matches_curly_apostrophes_in_the_phrase_list_too()
    {
        var phrases = new[] { new CoachingPhrase("it’s our policy", "Here's what I can do", "Why") };

        Assert.Contains(ApologyCoach.Review("Sorry, it's our policy", phrases), h => h.Phrase == "it’s our policy");
    }

    [Theory]
    [InlineData("Sorry, that is understandably upsetting.")]
    [InlineData("Sorry, fortunately we have a room.")]
    [InlineData("Sorry, our calm downstairs lounge is open.")]
    public void Coaching_matches_whole_phrases_only(string words)
    {
        Assert.Empty(ApologyCoach.Review(words));
    }

    [Fact]
    public void A_phrase_said_twice_is_flagged_once()
    {
        Assert.Single(ApologyCoach.Review("Sorry. Unfortunately... unfortunately."));
    }

    [Theory]
    [InlineData("We will fix it.", true)]
    [InlineData("I'm so sorry.", false)]
    [InlineData("Please accept our apologies.", false)]
    [InlineData("I apologise for the wait.", false)]
    [InlineData("I APOLOGIZE.", false)]
    public void Coaching_asks_to_say_sorry_and_own_it_when_nothing_apologizes(string words, bool hinted)
    {
        Assert.Equal(hinted, ApologyCoach.Review(words).Contains(ApologyCoach.SaySorryHint));
        Assert.Equal("Say sorry and own it", ApologyCoach.SaySorryHint.Phrase);
    }

    [Theory]
    [InlineData("I understand")]
    [InlineData("I know how you feel")]
    [InlineData("calm down")]
    [InlineData("it's our policy")]
    [InlineData("not my fault")]
    [InlineData("you should have")]
    [InlineData("there's nothing I can do")]
    [InlineData("unfortunately")]
    public void The_default_phrases_cover_the_classic_mistakes(string avoid)
    {
        var phrase = Assert.Single(ApologyCoach.DefaultPhrases, p => p.Avoid == avoid);
        Assert.False(string.IsNullOrWhiteSpace(phrase.Suggestion));
        Assert.False(string.IsNullOrWhiteSpace(phrase.Why));
    }

    [Fact]
    public void The_suggestions_use_the_recommended_wording()
    {
        var suggestions = ApologyCoach.DefaultPhrases.Select(p => p.Suggestion).ToList();

        Assert.Contains("I can only imagine how you feel", suggestions);
        Assert.Contains("That's got to be so frustrating", suggestions);
        Assert.Contains("Here's what I can do", suggestions);
        Assert.Contains(suggestions, s => s.StartsWith("What an unfortunate situation", StringComparison.Ordinal));
    }

    [Fact]
    public void Coaching_never_blocks_the_apology()
    {
        var recoveryCase = CaseBuilder.At(Stage.Logged);
        var words = "Calm down, it's not my fault.";

        recoveryCase.Apologize(words, ApologyCoach.Review(words), Clock.As(People.Ana));

        Assert.Equal(Stage.Apologized, recoveryCase.Stage);
    }
}

public class BusinessDaysTests
{
    [Theory]
    [InlineData("2026-03-02", "2026-03-03")] // Monday → Tuesday
    [InlineData("2026-03-05", "2026-03-06")] // Thursday → Friday
    [InlineData("2026-03-06", "2026-03-09")] // Friday → Monday
    [InlineData("2026-03-07", "2026-03-09")] // Saturday → Monday
    [InlineData("2026-03-08", "2026-03-09")] // Sunday → Monday
    [InlineData("2026-12-31", "2027-01-01")] // Thursday → Friday, across the year
    public void Next_business_day_skips_weekends(string from, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BusinessDays.NextBusinessDay(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public class CaseReferenceTests
{
    [Theory]
    [InlineData(2026, 123, "SR-2026-000123")]
    [InlineData(2026, 1, "SR-2026-000001")]
    [InlineData(2027, 999999, "SR-2027-999999")]
    [InlineData(2027, 1234567, "SR-2027-1234567")]
    public void Format_pads_the_number_to_six_digits(int year, long number, string expected)
    {
        var reference = CaseReference.Format(year, number);

        Assert.Equal(expected, reference);
        Assert.True(CaseReference.TryParse(reference, out var parsedYear, out var parsedNumber));
        Assert.Equal((year, number), (parsedYear, parsedNumber));
    }

    [Theory]
    [InlineData("SR-2026-000123", true)]
    [InlineData("SR-2026-1234567", true)]
    [InlineData("sr-2026-000123", false)]
    [InlineData("SR-26-000123", false)]
    [InlineData("SR-2026-12345", false)]
    [InlineData("SR-2026-00012a", false)]
    [InlineData("SR-2026-000000", false)]
    [InlineData("SR-2026-0001234", false)]
    [InlineData(" SR-2026-000123", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_accepts_only_the_canonical_form(string? reference, bool valid)
    {
        Assert.Equal(valid, CaseReference.IsValid(reference));
    }

    [Fact]
    public void Format_refuses_a_number_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseReference.Format(2026, 0));
    }
}

public class CustomerTests
{
    [Fact]
    public void A_customer_without_email_or_phone_is_refused()
    {
        var refusal = Assert.Throws<DomainException>(
            () => Customer.Create("Jo Bloggs", " ", null, CustomerTier.Standard, Clock.Now));

        Assert.Equal("customer.contact_required", refusal.Code);
        Assert.Contains("email address or a phone number", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Contact_details_are_trimmed_and_email_lower_cased()
    {
        var customer = Customer.Create("  Jo Bloggs ", " Jo.Bloggs@Example.COM ", " +44 20 7946 0000 ", CustomerTier.Vip, Clock.Now);

        Assert.Equal("Jo Bloggs", customer.Name);
        Assert.Equal("jo.bloggs@example.com", customer.Email);
        Assert.Equal("+44 20 7946 0000", customer.Phone);
        Assert.Equal(CustomerTier.Vip, customer.Tier);
        Assert.Equal(Clock.Now, customer.CreatedAt);
        Assert.NotEqual(Guid.Empty, customer.Id);
    }

    [Fact]
    public void A_phone_alone_is_enough()
    {
        Assert.Null(Customer.Create("Jo", null, "0123", CustomerTier.Standard, Clock.Now).Email);
    }

    [Fact]
    public void A_name_is_required_and_at_most_200_characters()
    {
        Assert.Throws<DomainException>(() => Customer.Create(" ", "a@b.c", null, CustomerTier.Standard, Clock.Now));
        Assert.Throws<DomainException>(
            () => Customer.Create(new string('n', 201), "a@b.c", null, CustomerTier.Standard, Clock.Now));
    }

    [Fact]
    public void Updating_contact_may_not_remove_both_email_and_phone()
    {
        var customer = Customer.Create("Jo", "jo@example.com", null, CustomerTier.Standard, Clock.Now);

        Assert.Throws<DomainException>(() => customer.UpdateContact("Jo", null, ""));
        customer.UpdateContact("Jo B", null, "0123");

        Assert.Equal("Jo B", customer.Name);
        Assert.Null(customer.Email);
        Assert.Equal("0123", customer.Phone);
    }

    [Fact]
    public void Changing_to_the_same_tier_is_refused()
    {
        var customer = Customer.Create("Jo", "jo@example.com", null, CustomerTier.Valued, Clock.Now);

        Assert.Throws<DomainException>(() => customer.ChangeTier(CustomerTier.Valued));
        customer.ChangeTier(CustomerTier.Vip);

        Assert.Equal(CustomerTier.Vip, customer.Tier);
    }
}

public class SeverityAndProgressTests
{
    [Fact]
    public void The_severity_guide_describes_every_severity_mildest_first()
    {
        Assert.Equal(
            [Severity.Minor, Severity.Moderate, Severity.Major, Severity.Critical],
            SeverityGuide.All.Select(o => o.Value));
        Assert.All(SeverityGuide.All, o => Assert.False(string.IsNullOrWhiteSpace(o.Description)));
        Assert.Equal(
            "Safety, health, legal or large financial impact, or a public/viral complaint; act within the hour.",
            SeverityGuide.Describe(Severity.Critical));
    }

    [Theory]
    [InlineData(Stage.Logged, RecoveryStep.Apologize)]
    [InlineData(Stage.Apologized, RecoveryStep.Empathize)]
    [InlineData(Stage.Listened, RecoveryStep.Fix)]
    [InlineData(Stage.Fixed, RecoveryStep.Atone)]
    [InlineData(Stage.AtonementPendingApproval, RecoveryStep.Atone)]
    [InlineData(Stage.Atoned, RecoveryStep.FollowUp)]
    [InlineData(Stage.FollowUpDue, RecoveryStep.FollowUp)]
    public void Each_open_stage_works_on_one_recovery_step(Stage stage, RecoveryStep step)
    {
        Assert.Equal(step, RecoveryProgress.StepOf(stage));
        var progress = RecoveryProgress.For(stage);
        Assert.Equal(Enum.GetValues<RecoveryStep>(), progress.Select(p => p.Step));
        Assert.Equal(StepState.Current, Assert.Single(progress, p => p.Step == step).State);
        Assert.All(progress.Where(p => p.Step < step), p => Assert.Equal(StepState.Done, p.State));
        Assert.All(progress.Where(p => p.Step > step), p => Assert.Equal(StepState.NotYet, p.State));
    }

    [Fact]
    public void A_closed_case_has_done_every_step()
    {
        Assert.Null(RecoveryProgress.StepOf(Stage.Closed));
        Assert.All(CaseBuilder.At(Stage.Closed).Progress, p => Assert.Equal(StepState.Done, p.State));
    }

    [Fact]
    public void A_withdrawn_case_shows_the_steps_it_had_done()
    {
        var recoveryCase = CaseBuilder.At(Stage.Listened);
        recoveryCase.Withdraw(WithdrawReason.LoggedInError, "Wrong guest", Clock.As(People.Ana));

        Assert.Equal(
            [StepState.Done, StepState.Done, StepState.NotYet, StepState.NotYet, StepState.NotYet],
            recoveryCase.Progress.Select(p => p.State));
    }
}
