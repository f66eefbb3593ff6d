using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// The unit of work dispatches what the changed cases raised, inside the command's transaction, before it saves:
/// a handler's writes are saved with the change, and a handler's failure leaves nothing of either (ADR 0011).
/// </summary>
public sealed class CaseEventDispatchTests(WebFixture fixture) : WebTest(fixture)
{
    private AppFactory WithHandlers() => new(Fixture.Database.AppConnectionString)
    {
        ExtraServices = s =>
        {
            s.AddScoped<INotificationHandler<CaseEventNotification<StepRecorded>>, RecordingHandler>();
            s.AddScoped<INotificationHandler<CaseEventNotification<CaseLogged>>, RecordingHandler>();
        },
    };

    private static Task<T> SendAsync<T>(AppFactory factory, IRequest<T> request, string asEmail) =>
        WebFixture.SendAsync(factory.Services, request, asEmail);

    private async Task<Features.Cases.Apologize.Command> ApologyAsync(string reference, string words)
    {
        var command = new Features.Cases.Apologize.Command { Words = words };
        await new CaseDriver(Fixture).PrepareAsync(reference, command);
        return command;
    }

    [Fact]
    public async Task A_handler_of_a_case_event_writes_in_the_same_transaction_as_the_change()
    {
        await using var factory = WithHandlers();
        var reference = await SendAsync(factory, CaseDriver.Complaint(), CaseDriver.Frontline);

        await SendAsync(factory, await ApologyAsync(reference, "I'm so sorry."), CaseDriver.Frontline);

        var seen = await Fixture.QueryAsync(db => db.AuditEntries.Where(a => a.Subject == reference).OrderBy(a => a.At).Select(a => a.Details).ToListAsync());
        Assert.Equal(["CaseLogged", "StepRecorded case.apologized Logged→Apologized"], seen);
    }

    [Fact]
    public async Task When_a_handler_fails_neither_the_change_nor_the_handlers_writes_are_saved()
    {
        await using var factory = WithHandlers();
        var reference = await SendAsync(factory, CaseDriver.Complaint(), CaseDriver.Frontline);
        var before = await new CaseDriver(Fixture).SnapshotAsync(reference);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await SendAsync(factory, await ApologyAsync(reference, RecordingHandler.Explode), CaseDriver.Frontline));

        Assert.Equal(before, await new CaseDriver(Fixture).SnapshotAsync(reference));
        Assert.Equal(1, await Fixture.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Subject == reference))); // only CaseLogged's
    }

    /// <summary>Writes what it saw to the audit trail, with the command's own context; throws on request.</summary>
    private sealed class RecordingHandler(AppDbContext db, TimeProvider clock)
        : INotificationHandler<CaseEventNotification<StepRecorded>>, INotificationHandler<CaseEventNotification<CaseLogged>>
    {
        public const string Explode = "EXPLODE in the handler";

        public async Task Handle(CaseEventNotification<StepRecorded> notification, CancellationToken cancellationToken)
        {
            var e = notification.Event;
            var apology = await db.Set<Apology>().Where(a => a.CaseId == e.CaseId).Select(a => a.Words).SingleOrDefaultAsync(cancellationToken)
                ?? db.ChangeTracker.Entries<Apology>().Select(a => a.Entity.Words).SingleOrDefault();
            if (apology == Explode)
            {
                throw new InvalidOperationException("The handler failed.");
            }

            db.AuditEntries.Add(new AuditEntry(null, "test", "test.event", e.Reference, $"StepRecorded {e.Kind} {e.From}→{e.To}", clock.GetUtcNow()));
        }

        public Task Handle(CaseEventNotification<CaseLogged> notification, CancellationToken cancellationToken)
        {
            db.AuditEntries.Add(new AuditEntry(null, "test", "test.event", notification.Event.Reference, "CaseLogged", clock.GetUtcNow()));
            return Task.CompletedTask;
        }
    }
}
