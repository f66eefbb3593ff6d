using MediatR;
using ServiceRecovery.Domain.Cases.Events;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// A case event as a MediatR notification (the domain knows no MediatR). Handle one kind with
/// <c>INotificationHandler&lt;CaseEventNotification&lt;CaseClosed&gt;&gt;</c>; the handler runs inside the command's
/// transaction, after the change, before SaveChanges (<see cref="UnitOfWorkBehavior{TRequest,TResponse}"/>, ADR 0011).
/// </summary>
public sealed record CaseEventNotification<TEvent>(TEvent Event) : INotification
    where TEvent : ICaseEvent;
