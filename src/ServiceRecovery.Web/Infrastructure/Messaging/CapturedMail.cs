namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>An e-mail the development SMTP server received.</summary>
public sealed record CapturedMail(string MessageId, string To, string Subject, string Text, string Html, DateTimeOffset ReceivedAt);
