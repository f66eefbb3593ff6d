using System.Diagnostics;
using FluentValidation;
using MediatR;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Web.Infrastructure.Cases;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// Outermost behaviour: one line per request with its name, outcome and time. It never logs the request
/// itself: complaint text is personal data.
/// </summary>
public sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static bool IsExpected(Exception ex) => ex is Errors.ConcurrencyConflictException
        or CaseNotFoundException
        or OperationCanceledException; // the client went away

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = RequestKind.NameOf(typeof(TRequest));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("{Request} handled in {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (ValidationException ex)
        {
            // Property names only: the attempted values may be personal data.
            logger.LogInformation("{Request} rejected by validation ({Fields})", name,
                string.Join(", ", ex.Errors.Select(e => e.PropertyName).Distinct()));
            throw;
        }
        catch (DomainException ex)
        {
            logger.LogInformation("{Request} refused by the domain ({Code})", name, ex.Code ?? ex.GetType().Name);
            throw;
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            // Someone else changed the record first, or it is not there: the page tells the person.
            logger.LogInformation("{Request} not applied: {Outcome}", name, ex.GetType().Name);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Request} failed after {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
