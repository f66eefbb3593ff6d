namespace ServiceRecovery.Web.Infrastructure.Messaging;

/// <summary>The outbox and its templates.</summary>
public static class MessagingRegistration
{
    public static IServiceCollection AddAppMessaging(this IServiceCollection services)
    {
        services.AddSingleton<MessageTemplates>();
        services.AddScoped<Outbox>();
        return services;
    }
}
