using FluentValidation;
using MediatR;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// MediatR 5.1.0 wired by hand (it has no DI package). Everything MediatR-specific is in this file, so that
/// moving to MediatR 12+ is a one-file change: see docs/decisions/0001-mediatr-5.md.
/// </summary>
public static class MediationRegistration
{
    public static IServiceCollection AddAppMediation(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        services.Scan(scan => scan
            .FromAssemblyOf<Program>()
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        // Order matters: the first registered is the outermost.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehavior<,>));

        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }
}
