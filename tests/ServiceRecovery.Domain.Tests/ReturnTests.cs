using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

/// <summary>
/// The customer came back after the case closed (retention after recovery): only on a closed, not withdrawn case; the day
/// between the close and today in the organisation's calendar; the value optional and bounded; a second record corrects.
/// </summary>
public sealed class ReturnTests
{
    /// <summary>Central Europe: +01:00 in March, like <see cref="Clock.Now"/>.</summary>
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Ten days after the case closed (<see cref="Clock.Now"/>, Wednesday 4 March 2026).</summary>
    private static readonly DateTimeOffset Later = Clock.Now.AddDays(10);

    private static DateOnly ClosedOn => Clock.Today;

    private static DateOnly TodayLater => DateOnly.FromDateTime(Later.DateTime);

    private static ActionContext AnaLater => Clock.As(People.Ana, Later);

    [Fact]
    public void A_recovered_case_records_the_day_and_what_was_spent_in_the_cases_currency_with_a_timeline_entry()
    {
        var c = CaseBuilder.At(Stage.Closed);
        var entries = c.Timeline.Count;
        c.ClearEvents();

        c.RecordReturn(new DateOnly(2026, 3, 12), 240m, "GBP", Zone, AnaLater);

        Assert.Equal(new DateOnly(2026, 3, 12), c.ReturnedOn);
        Assert.Equal(240m, c.ReturnValue);
        Assert.Equal("EUR", c.ReturnCurrency); // the case's currency wins over the organisation's
        Assert.Equal(entries + 1, c.Timeline.Count);
        var entry = c.Timeline[^1];
        Assert.Equal(TimelineKinds.CustomerReturned, entry.Kind);
        Assert.Equal("Customer came back on 12 Mar 2026, spent 240.00 EUR", entry.Summary);
        Assert.Equal("Ana", entry.ActorName);
        Assert.Null(entry.ToStage);
        Assert.Equal(Stage.Closed, c.Stage);
        var returned = Assert.Single(c.Events.OfType<CustomerReturned>());
        Assert.Equal((c.Id, new DateOnly(2026, 3, 12), 240m, "EUR", false), (returned.CaseId, returned.ReturnedOn, returned.Value, returned.Currency, returned.Corrected));
        Assert.Contains(c.Events.OfType<StepRecorded>(), e => e.Kind == TimelineKinds.CustomerReturned);
    }

    [Fact]
    public void Without_a_value_nothing_is_said_about_money_and_a_case_without_currency_uses_the_organisations()
    {
        var c = CaseBuilder.At(Stage.Closed);
        c.RecordReturn(TodayLater, null, "GBP", Zone, AnaLater);
        Assert.Equal("Customer came back on 14 Mar 2026", c.Timeline[^1].Summary);
        Assert.Null(c.ReturnValue);
        Assert.Null(c.ReturnCurrency);

        var noCurrency = ClosedWithoutCurrency();
        noCurrency.RecordReturn(TodayLater, 80.5m, "GBP", Zone, AnaLater);
        Assert.Equal("GBP", noCurrency.ReturnCurrency);
        Assert.Equal("Customer came back on 14 Mar 2026, spent 80.50 GBP", noCurrency.Timeline[^1].Summary);
    }

    [Theory]
    [InlineData(Stage.ClosedWithoutRecovery)]
    [InlineData(Stage.Closed)]
    public void A_return_is_allowed_on_a_recovered_or_unsatisfied_case(Stage stage)
    {
        var c = CaseBuilder.At(stage);
        Assert.True(c.AcceptsReturn);

        c.RecordReturn(ClosedOn, 0m, "EUR", Zone, AnaLater);

        Assert.Equal(ClosedOn, c.ReturnedOn);
        Assert.Equal(0m, c.ReturnValue);
    }

    [Fact]
    public void A_return_is_allowed_on_an_unreachable_case()
    {
        var c = CaseBuilder.At(Stage.FollowUpDue);
        for (var i = 0; i < Transitions.MaxNoAnswerAttempts; i++)
        {
            CaseBuilder.Perform(c, CaseAction.RecordNoAnswer, Clock.As(People.Ana));
        }

        Assert.Equal(CaseOutcome.Unreachable, c.Outcome);
        c.RecordReturn(TodayLater, null, "EUR", Zone, AnaLater);
        Assert.Equal(TodayLater, c.ReturnedOn);
    }

    [Theory]
    [InlineData(Stage.Logged)]
    [InlineData(Stage.Fixed)]
    [InlineData(Stage.FollowUpDue)]
    public void An_open_case_is_refused_and_nothing_changes(Stage stage)
    {
        var c = CaseBuilder.At(stage);
        Assert.False(c.AcceptsReturn);

        var refused = Refused(c, ClosedOn, 10m, AnaLater);

        Assert.Equal(RecoveryCase.ReturnOnOpenCaseCode, refused.Code);
        Assert.Equal("The case is still open: record that the customer came back once the case is closed.", refused.Message);
        Assert.Equal(refused.Message, c.ReturnRefusal);
    }

    [Fact]
    public void A_withdrawn_case_is_refused()
    {
        var c = CaseBuilder.At(Stage.Withdrawn);
        Assert.False(c.AcceptsReturn);

        var refused = Refused(c, ClosedOn, null, AnaLater);

        Assert.Equal(RecoveryCase.ReturnOnWithdrawnCaseCode, refused.Code);
        Assert.StartsWith("This case was withdrawn", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_before_the_case_closed_is_refused_and_the_close_day_itself_is_fine()
    {
        var c = CaseBuilder.At(Stage.Closed);

        var refused = Refused(c, ClosedOn.AddDays(-1), null, AnaLater);

        Assert.Equal(RecoveryCase.ReturnBeforeCloseCode, refused.Code);
        Assert.Equal("The case closed on 4 Mar 2026: the customer came back on that day or later, not on 3 Mar 2026.", refused.Message);
        c.RecordReturn(ClosedOn, null, "EUR", Zone, AnaLater);
        Assert.Equal(ClosedOn, c.ReturnedOn);
    }

    [Fact]
    public void The_close_day_is_the_organisations_calendar_day_not_UTCs()
    {
        // Closed at 00:30 in Paris on 4 March, which is still 3 March in UTC.
        var closing = new DateTimeOffset(2026, 3, 3, 23, 30, 0, TimeSpan.Zero);
        var c = CaseBuilder.At(Stage.FollowUpDue);
        c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, Clock.As(People.Ana, closing));

        Assert.Equal(RecoveryCase.ReturnBeforeCloseCode, Refused(c, new DateOnly(2026, 3, 3), null, AnaLater).Code);
        c.RecordReturn(new DateOnly(2026, 3, 4), null, "EUR", Zone, AnaLater);
    }

    [Fact]
    public void A_day_after_today_is_refused_and_today_is_fine_in_the_organisations_calendar()
    {
        var c = CaseBuilder.At(Stage.Closed);
        // 23:30 UTC on 13 March is already 14 March in Paris: "today" there.
        var lateEvening = Clock.As(People.Ana, new DateTimeOffset(2026, 3, 13, 23, 30, 0, TimeSpan.Zero));

        var refused = Refused(c, new DateOnly(2026, 3, 15), null, lateEvening);

        Assert.Equal(RecoveryCase.ReturnInFutureCode, refused.Code);
        Assert.Equal("15 Mar 2026 is in the future: record a return once the customer has come back (today or earlier).", refused.Message);
        c.RecordReturn(new DateOnly(2026, 3, 14), null, "EUR", Zone, lateEvening);
        Assert.Equal(new DateOnly(2026, 3, 14), c.ReturnedOn);
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1000000.01")]
    [InlineData("12.345")]
    public void A_negative_too_large_or_too_precise_value_is_refused(string value)
    {
        var c = CaseBuilder.At(Stage.Closed);

        var refused = Refused(c, TodayLater, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), AnaLater);

        Assert.Equal(RecoveryCase.ReturnValueOutOfRangeCode, refused.Code);
    }

    [Fact]
    public void The_largest_value_is_accepted()
    {
        var c = CaseBuilder.At(Stage.Closed);
        c.RecordReturn(TodayLater, RecoveryCase.MaxTransactionValue, "EUR", Zone, AnaLater);
        Assert.Equal(RecoveryCase.MaxTransactionValue, c.ReturnValue);
    }

    [Fact]
    public void Recording_again_corrects_it_and_keeps_both_timeline_entries()
    {
        var c = CaseBuilder.At(Stage.Closed);
        c.RecordReturn(new DateOnly(2026, 3, 10), 100m, "EUR", Zone, AnaLater);
        c.ClearEvents();

        c.RecordReturn(new DateOnly(2026, 3, 12), 240m, "EUR", Zone, Clock.As(People.Sue, Later));

        Assert.Equal(new DateOnly(2026, 3, 12), c.ReturnedOn);
        Assert.Equal(240m, c.ReturnValue);
        var entries = c.Timeline.Where(t => t.Kind == TimelineKinds.CustomerReturned).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("Customer came back on 10 Mar 2026, spent 100.00 EUR", entries[0].Summary);
        Assert.Equal("Customer came back on 12 Mar 2026, spent 240.00 EUR (corrected from 10 Mar 2026)", entries[1].Summary);
        Assert.Equal("Sue", entries[1].ActorName);
        Assert.True(Assert.Single(c.Events.OfType<CustomerReturned>()).Corrected);

        // The same day with another value is a correction too; the very same record changes nothing.
        c.RecordReturn(new DateOnly(2026, 3, 12), null, "EUR", Zone, AnaLater);
        Assert.Equal("Customer came back on 12 Mar 2026 (corrected)", c.Timeline[^1].Summary);
        Assert.Null(c.ReturnValue);
        Assert.Equal(RecoveryCase.SameReturnCode, Refused(c, new DateOnly(2026, 3, 12), null, AnaLater).Code);
    }

    [Fact]
    public void Someone_who_may_not_act_on_the_case_is_refused()
    {
        var c = CaseBuilder.At(Stage.Closed); // owned by Ana
        var entries = c.Timeline.Count;

        Assert.Throws<CaseAccessDeniedException>(() => c.RecordReturn(TodayLater, null, "EUR", Zone, Clock.As(People.Ben, Later)));
        Assert.Throws<CaseAccessDeniedException>(() => c.RecordReturn(TodayLater, null, "EUR", Zone, Clock.As(People.Nobody, Later)));

        Assert.Null(c.ReturnedOn);
        Assert.Equal(entries, c.Timeline.Count);
        c.RecordReturn(TodayLater, null, "EUR", Zone, Clock.As(People.Max, Later)); // a manager may act on any case
        Assert.Equal(TodayLater, c.ReturnedOn);
    }

    private static DomainException Refused(RecoveryCase c, DateOnly day, decimal? value, ActionContext ctx)
    {
        var (returnedOn, spent, currency, entries) = (c.ReturnedOn, c.ReturnValue, c.ReturnCurrency, c.Timeline.Count);
        var refused = Assert.Throws<DomainException>(() => c.RecordReturn(day, value, "EUR", Zone, ctx));
        Assert.Equal((returnedOn, spent, currency, entries), (c.ReturnedOn, c.ReturnValue, c.ReturnCurrency, c.Timeline.Count));
        return refused;
    }

    private static RecoveryCase ClosedWithoutCurrency()
    {
        var ctx = Clock.As(People.Ana);
        var c = CaseBuilder.Logged(People.Ana, currency: null);
        CaseBuilder.Perform(c, CaseAction.Apologize, ctx);
        CaseBuilder.Perform(c, CaseAction.Listen, ctx);
        CaseBuilder.ClassifyAndFix(c, ctx);
        c.RecordAtonement(GestureType.ApologyOnly, null, null, "Only an apology was wanted", Power.Of(CaseBuilder.Limit), ctx);
        CaseBuilder.Perform(c, CaseAction.ScheduleFollowUp, ctx);
        CaseBuilder.Perform(c, CaseAction.RecordSatisfied, ctx);
        return c;
    }
}
