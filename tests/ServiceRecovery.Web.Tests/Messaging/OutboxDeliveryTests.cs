using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Domain.Cases.Events;
using ServiceRecovery.Web.Infrastructure.Mediation;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Cases;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Messaging;

/// <summary>
/// The outbox sender against a real SMTP server (the app's own development server on a free port): each message once,
/// even with several senders at once (SKIP LOCKED); an outage leaves messages pending and they go when it is back;
/// after the last attempt a message is failed. ADR 0014.
/// </summary>
public sealed class OutboxDeliveryTests(WebFixture fixture) : WebTest(fixture)
{
    [Fact]
    public async Task A_message_enqueued_by_a_change_that_rolls_back_is_never_written()
    {
        await using var factory = new AppFactory(Fixture.Database.AppConnectionString)
        {
            ExtraServices = s => s.AddScoped<INotificationHandler<CaseEventNotification<CaseLogged>>, EnqueueThenFail>(),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => WebFixture.SendAsync(factory.Services, CaseDriver.Complaint(), CaseDriver.Frontline));

        Assert.Equal(0, await Fixture.QueryAsync(db => db.OutboxMessages.CountAsync()));
        Assert.Equal(0, await Fixture.QueryAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task Two_senders_at_once_deliver_every_message_exactly_once()
    {
        var port = DevSmtpServer.FreePort();
        await using var smtp = new DevSmtpServer(port, capacity: 1000);
        await smtp.StartAsync();
        await using var first = MessagingDriver.App(Fixture, port, new Dictionary<string, string?> { ["Outbox:BatchSize"] = "15" });
        await using var second = MessagingDriver.App(Fixture, port, new Dictionary<string, string?> { ["Outbox:BatchSize"] = "15" });
        var ids = await MessagingDriver.EnqueueAsync(first.Services, 40);

        // Four senders over two apps, all at once, until nothing is due.
        var runs = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var services = i % 2 == 0 ? first.Services : second.Services;
            var sent = 0;
            for (var round = 0; round < 10; round++)
            {
                sent += (await MessagingDriver.SendAsync(services)).Sent;
            }

            return sent;
        })).ToList();
        var perSender = await Task.WhenAll(runs);

        var received = smtp.Received;
        Assert.Equal(40, received.Count);
        Assert.Equal(ids.Select(OutboxSender.MessageIdOf).Order(), received.Select(r => r.MessageId).Order());
        Assert.Equal(40, perSender.Sum());
        Assert.True(perSender.Count(n => n > 0) > 1, $"Only one sender did any work ({string.Join(", ", perSender)}): the race was not run.");
        var stored = await MessagingDriver.MessagesAsync(Fixture);
        Assert.All(stored, m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));
        var one = received.Single(r => r.MessageId == OutboxSender.MessageIdOf(ids[0]));
        Assert.Contains("SR-TEST-000", one.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>SR-TEST-000</strong>", one.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_smtp_server_is_down_messages_wait_and_go_out_when_it_is_back()
    {
        var port = DevSmtpServer.FreePort();
        await using var app = MessagingDriver.App(Fixture, port);
        await MessagingDriver.EnqueueAsync(app.Services, 3);
        var before = DateTimeOffset.UtcNow;

        var down = await MessagingDriver.SendAsync(app.Services);

        Assert.Equal((0, 3, 0), (down.Sent, down.Retrying, down.Failed));
        var waiting = await MessagingDriver.MessagesAsync(Fixture);
        Assert.All(waiting, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(1, m.Attempts);
            Assert.True(m.NextAttemptAt > before.AddSeconds(50), $"next attempt {m.NextAttemptAt:O} is not about a minute away");
            Assert.Contains("could not be reached", m.LastError, StringComparison.Ordinal);
        });
        // Not due yet: a run now sends nothing and tries nothing.
        Assert.Equal((0, 0, 0), Tuple(await MessagingDriver.SendAsync(app.Services)));
        Assert.All(await MessagingDriver.MessagesAsync(Fixture), m => Assert.Equal(1, m.Attempts));

        await using var smtp = new DevSmtpServer(port);
        await smtp.StartAsync();
        await Fixture.ExecuteSqlAsync("UPDATE outbox_messages SET next_attempt_at = now() - interval '1 second'"); // the minute has passed
        var back = await MessagingDriver.SendAsync(app.Services);

        Assert.Equal(3, back.Sent);
        Assert.Equal(3, smtp.Received.Count);
        Assert.All(await MessagingDriver.MessagesAsync(Fixture), m => Assert.Equal((OutboxStatus.Sent, 2), (m.Status, m.Attempts)));
        Assert.False(app.Logs.Contains("@example.com"), "An address reached the log.");
        Assert.True(app.Logs.Contains("Sent outbox message"), "The sender logged nothing.");
    }

    [Fact]
    public async Task The_wait_doubles_after_each_failure_and_the_last_attempt_fails_the_message()
    {
        var options = new OutboxOptions { FirstRetryDelaySeconds = 60, MaxRetryDelayMinutes = 10, MaxAttempts = 6 };
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal([60.0, 120, 240, 480, 600], Enumerable.Range(1, 5).Select(a => (options.NextAttempt(a, now)!.Value - now).TotalSeconds));
        Assert.Null(options.NextAttempt(6, now));

        var port = DevSmtpServer.FreePort();
        await using var app = MessagingDriver.App(Fixture, port, new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "2", ["Outbox:FirstRetryDelaySeconds"] = "0" });
        await MessagingDriver.EnqueueAsync(app.Services, 1);

        Assert.Equal(1, (await MessagingDriver.SendAsync(app.Services)).Retrying);
        Assert.Equal(1, (await MessagingDriver.SendAsync(app.Services)).Failed);

        var failed = Assert.Single(await MessagingDriver.MessagesAsync(Fixture));
        Assert.Equal((OutboxStatus.Failed, 2), (failed.Status, failed.Attempts));
        Assert.Equal((0, 0, 0), Tuple(await MessagingDriver.SendAsync(app.Services))); // failed for good: not tried again
    }

    private static (int, int, int) Tuple(SendReport r) => (r.Sent, r.Retrying, r.Failed);

    /// <summary>Enqueues the acknowledgement, then fails: the case and the message go together or not at all.</summary>
    private sealed class EnqueueThenFail(Outbox outbox) : INotificationHandler<CaseEventNotification<CaseLogged>>
    {
        public Task Handle(CaseEventNotification<CaseLogged> notification, CancellationToken cancellationToken)
        {
            outbox.Enqueue(MessageKinds.ComplaintAcknowledged, new MessageRecipient("priya.shah@example.com", "Priya Shah"), "en",
                new Dictionary<string, object?> { ["name"] = "Priya", ["reference"] = notification.Event.Reference, ["organisation"] = "Harbour View" });
            throw new InvalidOperationException("The handler failed after enqueueing.");
        }
    }
}
