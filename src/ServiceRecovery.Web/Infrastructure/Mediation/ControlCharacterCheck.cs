using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation.Results;
using ServiceRecovery.Domain.Common;

namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>
/// Every text of a command (its string properties, lists of strings and the app's own nested objects) is checked for
/// control characters before its validators run, whoever sends it: a page, a test, a background job.
/// </summary>
internal static class ControlCharacterCheck
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static IEnumerable<ValidationFailure> Failures(object? request) => Walk(request, prefix: "", depth: 0);

    private static IEnumerable<ValidationFailure> Walk(object? value, string prefix, int depth)
    {
        if (value is null || depth > 4)
        {
            yield break;
        }

        foreach (var property in Properties.GetOrAdd(value.GetType(), Readable))
        {
            var name = prefix + property.Name;
            switch (property.GetValue(value))
            {
                case string text when ControlCharacters.Any(text):
                    yield return new ValidationFailure(name, $"This field {ControlCharacters.Message}");
                    break;
                case string:
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        var itemName = $"{name}[{index++}]";
                        if (item is string itemText)
                        {
                            if (ControlCharacters.Any(itemText))
                            {
                                yield return new ValidationFailure(name, $"This field {ControlCharacters.Message}");
                            }
                        }
                        else if (IsOurs(item?.GetType()))
                        {
                            foreach (var failure in Walk(item, itemName + ".", depth + 1))
                            {
                                yield return failure;
                            }
                        }
                    }

                    break;
                case { } nested when IsOurs(nested.GetType()):
                    foreach (var failure in Walk(nested, name + ".", depth + 1))
                    {
                        yield return failure;
                    }

                    break;
            }
        }
    }

    private static PropertyInfo[] Readable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)];

    private static bool IsOurs(Type? type) =>
        type is { IsClass: true } && type.Namespace?.StartsWith("ServiceRecovery.", StringComparison.Ordinal) == true;
}
