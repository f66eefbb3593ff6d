using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Insights;

/// <summary>
/// Cases played through the domain at instants in the past (the pages can only act now): a recovery closed days ago,
/// a later case with a transaction value, a return recorded on a closed case. Owned and acted on by the supervisor.
/// </summary>
public sealed class PastRecoveries(WebFixture fixture)
{
    private int _next = 980000;

    public DateTimeOffset Now => fixture.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    public TimeZoneInfo Zone => fixture.Services.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone;

    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    public async Task<Guid> CustomerAsync(string name)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var customer = Customer.Create(name, null, "+44 20 7946 " + (_next++ % 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture), CustomerTier.Standard, Now.AddDays(-400));
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    /// <summary>A case of <paramref name="customerId"/> opened two days before <paramref name="closedAt"/> and closed then as recovered; its reference.</summary>
    public Task<string> RecoveredAsync(Guid customerId, DateTimeOffset closedAt, DateOnly? returnedOn = null) => PlayAsync(customerId, closedAt.AddDays(-2), null, (c, leaf, at) =>
    {
        c.ClassifyRootCause(leaf, null, null, at(closedAt.AddDays(-2)));
        c.Apologize("Sorry", [], at(closedAt.AddDays(-2).AddHours(1)));
        c.Listen("Upset", null, at(closedAt.AddDays(-2).AddHours(1)));
        c.Fix("Put right", true, at(closedAt.AddDays(-2).AddHours(2)));
        c.RecordAtonement(GestureType.ApologyOnly, null, null, "Sorry", new(0m, "EUR", Domain.Compensation.CustomerCompensation.None, new Domain.Compensation.AbusePolicy(1000, 90, 1_000_000m)), at(closedAt.AddDays(-2).AddHours(2)));
        c.ScheduleFollowUp(Day(closedAt), at(closedAt.AddDays(-2).AddHours(3)));
        c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, null, at(closedAt));
        if (returnedOn is { } day)
        {
            c.RecordReturn(day, null, "EUR", Zone, at(Now));
        }
    });

    /// <summary>A new (open) case of <paramref name="customerId"/> opened at <paramref name="openedAt"/> with a transaction value; its reference.</summary>
    public Task<string> PurchaseAsync(Guid customerId, DateTimeOffset openedAt) => PlayAsync(customerId, openedAt, 300m, (_, _, _) => { });

    private async Task<string> PlayAsync(Guid customerId, DateTimeOffset openedAt, decimal? value, Action<RecoveryCase, RootCauseLeaf, Func<DateTimeOffset, ActionContext>> play)
    {
        var samId = await new CaseDriver(fixture).UserIdAsync(CaseDriver.Supervisor);
        var sam = new Actor(samId, CaseDriver.SupervisorName, StaffRole.Supervisor);
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var policy = await scope.ServiceProvider.GetRequiredService<SlaPolicies>().GetAsync();
        ActionContext At(DateTimeOffset at) => new(sam, TimeZoneInfo.ConvertTime(at, Zone), null, policy);
        var group = new RootCauseGroup("Past causes " + _next.ToString(System.Globalization.CultureInfo.InvariantCulture), 1);
        var cause = new RootCause(group.Id, "Late check-in", 1, null);
        db.RootCauseGroups.Add(group);
        db.RootCauses.Add(cause);
        var c = RecoveryCase.Log(CaseReference.Format(Now.Year, _next++), customerId, Channel.Phone, "Noise", Severity.Moderate, null, "Cold room", null, value, value is null ? null : "EUR",
            samId, CaseDriver.SupervisorName, At(openedAt));
        play(c, cause.ToLeaf(group.Name), At);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c.Reference;
    }
}
