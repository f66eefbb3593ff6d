namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>
/// One message to send, written by <see cref="Outbox"/> in the same transaction as the change that causes it (so a
/// change that rolls back sends nothing, and a committed one is never lost). It is rendered when written: the text a
/// person sees on the Messages page is exactly what goes out.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(string kind, string language, string toAddress, string toName, RenderedMessage rendered, Guid? caseId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        Id = Guid.CreateVersion7(now);
        Kind = kind;
        Language = language;
        ToAddress = toAddress;
        ToName = toName;
        Subject = rendered.Subject;
        TextBody = rendered.Text;
        HtmlBody = rendered.Html;
        CaseId = caseId;
        CreatedAt = now;
        NextAttemptAt = now;
        Status = OutboxStatus.Pending;
    }

    public Guid Id { get; private set; }

    /// <summary>What the message is (<see cref="MessageKinds"/>), which also names its template.</summary>
    public string Kind { get; private set; } = "";

    /// <summary>The language it is written in (<see cref="Domain.Customers.CustomerLanguages"/>).</summary>
    public string Language { get; private set; } = "";

    public string ToAddress { get; private set; } = "";

    public string ToName { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string TextBody { get; private set; } = "";

    public string HtmlBody { get; private set; } = "";

    /// <summary>The case it is about, if any (for the case page and the Messages page).</summary>
    public Guid? CaseId { get; private set; }

    public OutboxStatus Status { get; private set; }

    /// <summary>Sending attempts so far (failed ones and the one that worked).</summary>
    public int Attempts { get; private set; }

    /// <summary>When the sender may next try it (now, or later after a failure: exponential backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Why the last attempt failed (the SMTP server's answer, never the message text).</summary>
    public string? LastError { get; private set; }

    public const int MaxErrorLength = 1000;

    public void MarkSent(DateTimeOffset now)
    {
        Attempts++;
        Status = OutboxStatus.Sent;
        SentAt = now;
        LastError = null;
    }

    /// <summary>A failed attempt: tried again at <paramref name="retryAt"/>, or failed for good when that is null.</summary>
    public void MarkAttemptFailed(string error, DateTimeOffset? retryAt)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (retryAt is { } at)
        {
            NextAttemptAt = at;
        }
        else
        {
            Status = OutboxStatus.Failed;
        }
    }

    /// <summary>Someone asked for a failed message to be tried again (Admin › Messages): pending now, attempts start over.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != OutboxStatus.Failed)
        {
            throw new Domain.Common.DomainException("Only a failed message can be retried.", "outbox.not_failed");
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}
