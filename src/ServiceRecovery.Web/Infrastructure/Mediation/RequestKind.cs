namespace ServiceRecovery.Web.Infrastructure.Mediation;

/// <summary>Marker used by the pipeline without knowing the response type.</summary>
internal static class RequestKind
{
    public static bool IsCommand(Type requestType) =>
        requestType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    /// <summary>"Create.Command" for nested slice types, so log lines name the feature.</summary>
    public static string NameOf(Type requestType) =>
        requestType.DeclaringType is { } outer ? $"{outer.Name}.{requestType.Name}" : requestType.Name;
}
