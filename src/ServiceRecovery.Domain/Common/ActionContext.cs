namespace ServiceRecovery.Domain.Common;

/// <summary>
/// Who does something, and when. Every intention method takes one.
/// <paramref name="Now"/> comes from the caller's <c>TimeProvider</c>; its calendar date (in its own offset)
/// is "today" for date rules such as follow-up due dates, so pass local time (<c>GetLocalNow()</c>).
/// </summary>
public sealed record ActionContext(Actor Actor, DateTimeOffset Now, Guid? RequestId = null)
{
    /// <summary>The calendar date of <see cref="Now"/> in its own offset.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);
}
