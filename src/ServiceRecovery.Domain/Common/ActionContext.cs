namespace ServiceRecovery.Domain.Common;

/// <summary>
/// Who does something, and when. Every intention method takes one.
/// <paramref name="Now"/> comes from the caller's <c>TimeProvider</c>; its calendar date (in its own offset)
/// is "today" for date rules such as follow-up due dates, so pass local time (<c>GetLocalNow()</c>).
/// With <paramref name="Sla"/>, a case keeps its SLA deadlines up to date itself at every change it records.
/// </summary>
public sealed record ActionContext(Actor Actor, DateTimeOffset Now, Guid? RequestId = null, Sla.SlaPolicy? Sla = null)
{
    /// <summary>The calendar date of <see cref="Now"/> in its own offset.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);
}
