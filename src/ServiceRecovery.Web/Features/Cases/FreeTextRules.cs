using FluentValidation;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Web.Features.Cases;

internal static class FreeTextRules
{
    /// <summary>Free text: optional or required, at most 4,000 characters, with a message naming the field.</summary>
    public static IRuleBuilderOptions<T, string?> FreeText<T>(this IRuleBuilder<T, string?> rule, string what, bool required)
    {
        var options = rule.MaximumLength(FieldLimits.FreeText)
            .WithMessage($"Keep {what} to {FieldLimits.FreeText:N0} characters or fewer.");
        return required
            ? options.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage($"Write {what}.")
            : options;
    }
}
