using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Messaging;
using ServiceRecovery.Web.Tests.Infrastructure;

namespace ServiceRecovery.Web.Tests.Messaging;

/// <summary>Apps that send to a test SMTP server, and messages to send.</summary>
public static class MessagingDriver
{
    /// <summary>An app on the test database sending to 127.0.0.1:<paramref name="smtpPort"/>, jobs off unless <paramref name="settings"/> turn them on.</summary>
    public static AppFactory App(WebFixture fixture, int smtpPort, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["Smtp:TimeoutSeconds"] = "5",
            ["Outbox:BatchSize"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new AppFactory(fixture.Database.AppConnectionString, values);
    }

    /// <summary>Puts <paramref name="count"/> messages in the outbox (committed), as a command's handler would.</summary>
    public static async Task<List<Guid>> EnqueueAsync(IServiceProvider services, int count, string prefix = "Guest")
    {
        await using var scope = services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var message = outbox.Enqueue(MessageKinds.ComplaintAcknowledged, new MessageRecipient($"guest{i}@example.com", $"{prefix} {i}"), "en",
                new Dictionary<string, object?> { ["name"] = $"{prefix} {i}", ["reference"] = $"SR-TEST-{i:000}", ["organisation"] = "Harbour View" });
            ids.Add(message.Id);
        }

        await scope.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        return ids;
    }

    public static async Task<SendReport> SendAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);
    }

    public static Task<List<OutboxMessage>> MessagesAsync(WebFixture fixture) =>
        fixture.QueryAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync());

    /// <summary>Waits until <paramref name="done"/> holds (a scheduler at work), or fails after <paramref name="seconds"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> done, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }
}
