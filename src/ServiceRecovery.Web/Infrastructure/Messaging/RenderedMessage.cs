namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>A message as it will be sent: subject, plain text and HTML (with every merge field encoded).</summary>
public sealed record RenderedMessage(string Subject, string Text, string Html);
