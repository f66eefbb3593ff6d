using FluentValidation;
using MediatR;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// Refuses text with control characters in any command (<see cref="ControlCharacterCheck"/>), then runs every
/// validator of the request; any failure stops it before the handler (nothing is written).
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = RequestKind.IsCommand(typeof(TRequest))
            ? ControlCharacterCheck.Failures(request).ToList()
            : [];
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next();
    }
}
