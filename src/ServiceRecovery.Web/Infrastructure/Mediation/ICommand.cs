using MediatR;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// A request that changes state. The unit-of-work behaviour runs it in one transaction and calls
/// SaveChanges once; queries (plain <see cref="IRequest{TResponse}"/>) skip it.
/// </summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;
