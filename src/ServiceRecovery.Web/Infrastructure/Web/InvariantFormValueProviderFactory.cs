using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// Form values are read with the invariant culture, like the query string: "12.50" is twelve and a half whatever the
/// organisation's display culture (<see cref="OrganisationOptions.Culture"/>) or the server's. Every input renders its
/// value invariant too (amounts as <c>0.##</c>, dates as <c>yyyy-MM-dd</c>), so what a form shows is what it sends back.
/// Replaces ASP.NET Core's form value provider, which reads with the request's current culture (ADR 0005).
/// </summary>
public sealed class InvariantFormValueProviderFactory : IValueProviderFactory
{
    public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.ActionContext.HttpContext.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.ActionContext.HttpContext.RequestAborted);
            context.ValueProviders.Add(new FormValueProvider(BindingSource.Form, form, CultureInfo.InvariantCulture));
        }
    }
}
