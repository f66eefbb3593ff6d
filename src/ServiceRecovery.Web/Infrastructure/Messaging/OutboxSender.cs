using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceRecovery.Web.Data;

namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// Sends what the outbox holds (ADR 0014). One message at a time, each in its own transaction: the row is locked with
/// <c>FOR UPDATE SKIP LOCKED</c> (so two senders — two app instances, or a manual "send now" beside the schedule —
/// never take the same row, and neither waits for the other), handed to the SMTP server with MailKit, and marked sent
/// in the same transaction that locked it. A failure records the attempt and the SMTP server's answer, and the message
/// waits (exponential backoff) or, after <see cref="OutboxOptions.MaxAttempts"/>, is Failed. Logs carry ids, kinds and
/// counts, never an address or a body.
/// </summary>
public sealed partial class OutboxSender(
    AppDbContext db, IOptions<SmtpOptions> smtpOptions, IOptions<OutboxOptions> outboxOptions, TimeProvider clock, ILogger<OutboxSender> logger)
{
    public async Task<SendReport> SendDueAsync(CancellationToken ct)
    {
        var options = outboxOptions.Value;
        var smtp = smtpOptions.Value;
        var report = new SendReport();
        // Delivered in this run: if committing the "sent" mark fails on a dropped connection and the execution strategy
        // runs the unit again, the message is marked, not sent a second time.
        var delivered = new HashSet<Guid>();
        // Tried in this run (sent or not): a message that failed waits for a later run, even with no backoff configured.
        var tried = new List<Guid>();
        string? unreachable = null;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            for (var i = 0; i < options.BatchSize; i++)
            {
                var strategy = db.Database.CreateExecutionStrategy();
                var done = await strategy.ExecuteAsync(async token =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(token);
                    var now = clock.GetUtcNow();
                    var skip = tried.Except(delivered).ToArray();
                    var message = await db.OutboxMessages
                        .FromSql($"""
                            SELECT m.*, m.xmin FROM outbox_messages m
                            WHERE m.status = 'Pending' AND m.next_attempt_at <= {now} AND NOT (m.id = ANY({skip}))
                            ORDER BY m.next_attempt_at, m.id
                            LIMIT 1
                            FOR UPDATE SKIP LOCKED
                            """)
                        .SingleOrDefaultAsync(token);
                    if (message is null)
                    {
                        return true;
                    }

                    if (!tried.Contains(message.Id))
                    {
                        tried.Add(message.Id);
                    }

                    if (delivered.Contains(message.Id))
                    {
                        message.MarkSent(now);
                    }
                    else if (unreachable is not null)
                    {
                        Failed(message, unreachable, now, options, report);
                    }
                    else
                    {
                        try
                        {
                            if (!client.IsConnected)
                            {
                                try
                                {
                                    await ConnectAsync(client, smtp, token);
                                }
                                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                                {
                                    unreachable = $"The SMTP server {smtp.Host}:{smtp.Port} could not be reached: {ex.Message}";
                                    throw;
                                }
                            }

                            await client.SendAsync(ToMime(message, smtp), token);
                            delivered.Add(message.Id);
                            message.MarkSent(clock.GetUtcNow());
                            report.Sent++;
                            LogSent(message.Id, message.Kind, message.Attempts);
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                        {
                            Failed(message, unreachable ?? ex.Message, now, options, report);
                            LogAttemptFailed(message.Id, message.Kind, message.Attempts, ex.GetType().Name);
                            if (client.IsConnected && ex is not SmtpCommandException)
                            {
                                // A broken conversation: start the next message on a new connection.
                                await client.DisconnectAsync(false, CancellationToken.None);
                            }
                        }
                    }

                    await db.SaveChangesAsync(token);
                    await transaction.CommitAsync(token);
                    return false;
                }, ct);
                if (done)
                {
                    break;
                }
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(true, CancellationToken.None);
            }

            db.ChangeTracker.Clear();
        }

        if (report.Sent + report.Retrying + report.Failed > 0)
        {
            LogRun(report.Sent, report.Retrying, report.Failed);
        }

        return report;
    }

    private static void Failed(OutboxMessage message, string error, DateTimeOffset now, OutboxOptions options, SendReport report)
    {
        var retryAt = options.NextAttempt(message.Attempts + 1, now);
        message.MarkAttemptFailed(error, retryAt);
        if (retryAt is null)
        {
            report.Failed++;
        }
        else
        {
            report.Retrying++;
        }
    }

    private static async Task ConnectAsync(SmtpClient client, SmtpOptions smtp, CancellationToken ct)
    {
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password, ct);
        }
    }

    /// <summary>The e-mail: plain text and HTML alternatives; the Message-Id carries the outbox id (one id, however often sent).</summary>
    public static MimeMessage ToMime(OutboxMessage message, SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(smtp);
        var mime = new MimeMessage { Subject = message.Subject, MessageId = MessageIdOf(message.Id) };
        mime.From.Add(new MailboxAddress(smtp.FromName, smtp.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName, message.ToAddress));
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    public static string MessageIdOf(Guid id) => $"{id:N}@outbox.servicerecovery";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent outbox message {MessageId} ({Kind}) on attempt {Attempts}")]
    private partial void LogSent(Guid messageId, string kind, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Kind}) not sent, attempt {Attempts}: {Error}")]
    private partial void LogAttemptFailed(Guid messageId, string kind, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox run: {Sent} sent, {Retrying} to retry, {Failed} failed for good")]
    private partial void LogRun(int sent, int retrying, int failed);
}
