namespace ServiceRecovery.Web.Infrastructure.Startup;

public sealed record DemoUser(string Email, string DisplayName, string Role);
