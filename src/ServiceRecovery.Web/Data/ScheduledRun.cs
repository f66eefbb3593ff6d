namespace ServiceRecovery.Web.Data;

/// <summary>
/// A once-a-day job that has done its work for a day (the follow-up digest): written in the same transaction as the
/// messages it enqueued, with the (job, day) pair as its key, so a second run on the same day — a retry, a misfire
/// fired late, a second node — finds it and enqueues nothing.
/// </summary>
public sealed class ScheduledRun
{
    private ScheduledRun()
    {
    }

    public ScheduledRun(string job, DateOnly day, DateTimeOffset ranAt, int messages)
    {
        Job = job;
        Day = day;
        RanAt = ranAt;
        Messages = messages;
    }

    public string Job { get; private set; } = "";

    /// <summary>The organisation's calendar day the run was for.</summary>
    public DateOnly Day { get; private set; }

    public DateTimeOffset RanAt { get; private set; }

    /// <summary>How many messages it enqueued.</summary>
    public int Messages { get; private set; }
}
