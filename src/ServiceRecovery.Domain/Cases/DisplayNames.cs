namespace ServiceRecovery.Domain.Cases;

/// <summary>
/// How the case's enum values read to people: on the timeline the domain writes, and on every page. One place, so the
/// timeline never says "InPerson" while the form says "in person".
/// </summary>
public static class DisplayNames
{
    public static string Of(Channel channel) => channel switch
    {
        Channel.InPerson => "in person",
        _ => channel.ToString().ToLowerInvariant(),
    };

    public static string Of(GestureType gesture) => gesture switch
    {
        GestureType.ApologyOnly => "Apology only",
        _ => gesture.ToString(),
    };

    public static string Of(Severity severity) => severity.ToString();
}
