using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Domain.Tests;

/// <summary>A case the customer opens on the public form: theirs alone to open that way, and an ordinary case after that.</summary>
public class PublicComplaintTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static RecoveryCase File(Actor actor, decimal? value = null) => RecoveryCase.LogFromCustomer(
        "SR-2026-000042", Guid.CreateVersion7(), "Other", Severity.Moderate, "No hot water.", null, "A discount.", value, value is null ? null : "EUR",
        new ActionContext(actor, Now));

    [Fact]
    public void The_customer_opens_an_unassigned_web_case_in_logged_and_it_raises_case_logged()
    {
        var recoveryCase = File(Actor.Customer("Trần Thị Mai"), 80m);

        Assert.Equal((Stage.Logged, Channel.Web, (Guid?)null, (string?)null), (recoveryCase.Stage, recoveryCase.Channel, recoveryCase.OwnerId, recoveryCase.OwnerName));
        Assert.Equal((Actor.CustomerActorId, "Trần Thị Mai"), (recoveryCase.OpenedById, recoveryCase.OpenedByName));
        Assert.Equal((80m, "EUR"), (recoveryCase.TransactionValue, recoveryCase.Currency));
        var logged = Assert.IsType<CaseLogged>(Assert.Single(recoveryCase.Events));
        Assert.Equal((Channel.Web, false), (logged.Channel, logged.Assigned));
        Assert.Equal(TimelineKinds.Logged, Assert.Single(recoveryCase.Timeline).Kind);
        // From here on it is an ordinary case: frontline staff may take it.
        Assert.True(recoveryCase.MayBeActedOnBy(People.Ana));
        Assert.Empty(recoveryCase.AllowedActionsFor(Actor.Customer("Trần Thị Mai")));
    }

    [Fact]
    public void Staff_cannot_use_the_public_way_in_and_the_customer_cannot_use_the_staff_one()
    {
        Assert.Throws<CaseAccessDeniedException>(() => File(People.Ana));
        Assert.Throws<CaseAccessDeniedException>(() => File(People.Nobody));
        Assert.Throws<CaseAccessDeniedException>(() => RecoveryCase.Log(
            "SR-2026-000042", Guid.CreateVersion7(), Channel.Web, "Other", Severity.Minor, null, "x", null, null, null, null, null,
            new ActionContext(Actor.Customer("Mai"), Now)));
    }

    [Fact]
    public void A_negative_value_or_a_missing_text_is_refused()
    {
        Assert.Throws<DomainException>(() => File(Actor.Customer("Mai"), -1m));
        Assert.ThrowsAny<DomainException>(() => RecoveryCase.LogFromCustomer(
            "SR-2026-000042", Guid.CreateVersion7(), "Other", Severity.Moderate, " ", null, null, null, null, new ActionContext(Actor.Customer("Mai"), Now)));
    }
}
