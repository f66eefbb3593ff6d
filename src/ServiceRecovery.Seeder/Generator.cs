using System.Buffers.Binary;
using System.Globalization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Customers;

namespace ServiceRecovery.Seeder;

/// <summary>A member of staff who can own, open and act on cases.</summary>
internal sealed record StaffMember(Guid Id, string Name, bool IsFrontline, bool IsSupervisor);

/// <summary>The SLA target of one severity (24x7 calendar).</summary>
internal readonly record struct SlaTarget(TimeSpan FirstResponse, TimeSpan Resolution);

/// <summary>What the generator needs from the database.</summary>
internal sealed record World(
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<string> Categories,
    IReadOnlyDictionary<Severity, SlaTarget> Targets,
    double AtRiskFraction,
    DateTimeOffset Now,
    long FirstNumber);

/// <summary>One timeline line.</summary>
internal struct Step
{
    public Guid Id;
    public string Kind;
    public string Summary;
    public DateTimeOffset At;
    public Stage? From;
    public Stage? To;
    public string? Details;
    public string? Note;
    public StaffMember Actor;
}

internal sealed class CustomerPlan
{
    public Guid Id;
    public string Name = "";
    public string? Email;
    public string? Phone;
    public CustomerTier Tier;
    public DateTimeOffset CreatedAt = DateTimeOffset.MaxValue;
}

internal sealed class CasePlan
{
    public Guid Id;
    public string Reference = "";
    public CustomerPlan Customer = null!;
    public Channel Channel;
    public string Category = "";
    public Severity Severity;
    public string? Expected;
    public string WhatHappened = "";
    public string? Wants;
    public decimal? Value;
    public StaffMember? Owner;
    public StaffMember OpenedBy = null!;
    public DateTimeOffset OpenedAt;
    public Stage Stage;
    public DateTimeOffset? ClosedAt;
    public CaseOutcome? Outcome;
    public WithdrawReason? WithdrawReason;
    public string? ClosingNote;
    public int ReopenCount;
    public int FollowUpAttempts;
    public DateOnly? FollowUpDueOn;
    public DateTimeOffset? FirstRespondedAt;
    public DateTimeOffset? ResolvedAt;
    public DateTimeOffset? SlaDueAt;
    public DateTimeOffset? SlaAtRiskAt;
    public DateTimeOffset? WaitingSince;
    public string? WaitingReason;
    public Guid WaitingId;
    public Step[] Steps = [];
}

/// <summary>
/// Realistic cases: severities 40/35/20/5 %, ~70 % closed, open cases mostly recent, ~2.5 cases per customer,
/// timelines that follow the lifecycle table (so sequences, stages and SLA milestones agree), SLA deadlines as
/// the domain computes them on a 24x7 calendar.
/// </summary>
internal sealed class Generator(World world, int seed)
{
    private static readonly string[] Gestures = ["Refund", "Credit", "Discount", "Voucher", "Gift", "Upgrade"];
    private static readonly (Stage Stage, double Weight)[] StageMix =
    [
        (Stage.Closed, 52), (Stage.ClosedWithoutRecovery, 8), (Stage.Withdrawn, 10),
        (Stage.Logged, 8), (Stage.Apologized, 5), (Stage.Listened, 5), (Stage.Fixed, 4),
        (Stage.AtonementPendingApproval, 1), (Stage.Atoned, 2), (Stage.FollowUpDue, 5),
    ];

    private static readonly (Channel Channel, double Weight)[] ChannelMix =
        [(Channel.Email, 30), (Channel.Phone, 25), (Channel.Web, 20), (Channel.InPerson, 15), (Channel.Social, 10)];

    private readonly Random _rng = new(seed);
    private readonly StaffMember[] _frontline = [.. world.Staff.Where(s => s.IsFrontline)];
    private readonly StaffMember[] _supervisors = [.. world.Staff.Where(s => s.IsSupervisor)];
    private readonly StaffMember[] _others = [.. world.Staff.Where(s => !s.IsFrontline)];
    private readonly double[] _categoryCumulative = Cumulative(world.Categories.Select(c => (double)Words.CategoryWeight(c)));
    private readonly double[] _stageCumulative = Cumulative(StageMix.Select(s => s.Weight));
    private readonly double[] _channelCumulative = Cumulative(ChannelMix.Select(c => c.Weight));
    private readonly List<Step> _steps = new(16);

    public static int CustomersFor(int cases) => Math.Max(1, (int)Math.Round(cases / 2.5));

    private long[] _openedTicks = [];
    private Stage[] _stages = [];
    private int[] _customerOf = [];
    private CustomerPlan[] _customers = [];

    /// <summary>
    /// The cheap first pass: when each case was logged and how far it got (open cases mostly recent: exponential,
    /// mean 12 days; closed ones spread over two years), in logging order, and the customers (each with their
    /// first complaint's time). The cases themselves come from <see cref="Case"/>, in order, afterwards.
    /// </summary>
    public CustomerPlan[] Prepare(int count)
    {
        var now = world.Now;
        _openedTicks = new long[count];
        _stages = new Stage[count];
        var twoYears = TimeSpan.FromDays(730).Ticks;
        for (var i = 0; i < count; i++)
        {
            var stage = StageMix[Pick(_stageCumulative)].Stage;
            var ageTicks = Transitions.IsTerminal(stage)
                ? (long)(_rng.NextDouble() * twoYears)
                : Math.Min(twoYears, (long)(-Math.Log(1 - _rng.NextDouble()) * TimeSpan.FromDays(12).Ticks));
            var opened = now.UtcTicks - Math.Max(ageTicks, TimeSpan.TicksPerMinute);
            _openedTicks[i] = opened - (opened % TimeSpan.TicksPerSecond);
            _stages[i] = stage;
        }

        Array.Sort(_openedTicks, _stages); // references follow the order cases were logged in

        // Every customer has a case; 30 % of the other cases go to 5 % of "regulars".
        _customers = new CustomerPlan[CustomersFor(count)];
        for (var c = 0; c < _customers.Length; c++)
        {
            _customers[c] = NewCustomer();
        }

        _customerOf = new int[count];
        var regulars = Math.Max(1, _customers.Length / 20);
        for (var i = 0; i < count; i++)
        {
            _customerOf[i] = i < _customers.Length ? i
                : _rng.NextDouble() < 0.3 ? _rng.Next(regulars)
                : _rng.Next(_customers.Length);
        }

        _rng.Shuffle(_customerOf);
        for (var i = 0; i < count; i++)
        {
            var customer = _customers[_customerOf[i]];
            if (customer.CreatedAt == DateTimeOffset.MaxValue)
            {
                customer.CreatedAt = new DateTimeOffset(_openedTicks[i], TimeSpan.Zero).AddSeconds(-_rng.Next(60, 3600));
            }
        }

        return _customers;
    }

    /// <summary>Case <paramref name="i"/> (call with 0, 1, 2, ... in order, after <see cref="Prepare"/>).</summary>
    public CasePlan Case(int i) =>
        NewCase(world.FirstNumber + i, _customers[_customerOf[i]], new DateTimeOffset(_openedTicks[i], TimeSpan.Zero), _stages[i]);

    private CustomerPlan NewCustomer()
    {
        var first = Words.FirstNames[_rng.Next(Words.FirstNames.Length)];
        var last = Words.LastNames[_rng.Next(Words.LastNames.Length)];
        var u = _rng.NextDouble();
        var hasEmail = u < 0.85;
        var hasPhone = !hasEmail || _rng.NextDouble() < 0.55;
        var t = _rng.NextDouble();
        return new CustomerPlan
        {
            Id = V7(world.Now.AddYears(-2)),
            Name = first + " " + last,
            Email = hasEmail
                ? string.Create(CultureInfo.InvariantCulture, $"{Ascii(first)}.{Ascii(last)}{_rng.Next(1, 10000)}@example.com")
                : null,
            Phone = hasPhone ? string.Create(CultureInfo.InvariantCulture, $"+44 7700 9{_rng.Next(0, 100000):D5}") : null,
            Tier = t < 0.05 ? CustomerTier.Vip : t < 0.20 ? CustomerTier.Valued : CustomerTier.Standard,
        };
    }

    private static string Ascii(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var n = 0;
        foreach (var ch in name.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(ch))
            {
                buffer[n++] = char.ToLowerInvariant(ch);
            }
        }

        return new string(buffer[..n]);
    }

    private CasePlan NewCase(long number, CustomerPlan customer, DateTimeOffset openedAt, Stage finalStage)
    {
        var s = _rng.NextDouble();
        var severity = s < 0.05 ? Severity.Critical : s < 0.25 ? Severity.Major : s < 0.60 ? Severity.Moderate : Severity.Minor;
        var owner = _rng.NextDouble() < 0.15 ? null
            : _rng.NextDouble() < 0.85 || _others.Length == 0 ? _frontline[_rng.Next(_frontline.Length)]
            : _others[_rng.Next(_others.Length)];
        var openedBy = _rng.NextDouble() < 0.9 ? _frontline[_rng.Next(_frontline.Length)] : world.Staff[_rng.Next(world.Staff.Count)];
        var c = new CasePlan
        {
            Id = V7(openedAt),
            Reference = CaseReference.Format(openedAt.Year, number),
            Customer = customer,
            Channel = ChannelMix[Pick(_channelCumulative)].Channel,
            Category = world.Categories[Pick(_categoryCumulative)],
            Severity = severity,
            Expected = _rng.NextDouble() < 0.6 ? Words.CustomerExpected[_rng.Next(Words.CustomerExpected.Length)] : null,
            WhatHappened = Words.WhatHappened[_rng.Next(Words.WhatHappened.Length)],
            Wants = _rng.NextDouble() < 0.7 ? Words.CustomerWants[_rng.Next(Words.CustomerWants.Length)] : null,
            Value = _rng.NextDouble() < 0.7 ? Math.Round((decimal)Math.Clamp(Math.Exp(4 + _rng.NextDouble() * 2.5), 5, 5000), 2) : null,
            Owner = owner,
            OpenedBy = openedBy,
            OpenedAt = openedAt,
        };
        Walk(c, finalStage);
        return c;
    }

    /// <summary>Walks the case through the lifecycle to <paramref name="finalStage"/>, recording each step as the domain would.</summary>
    private void Walk(CasePlan c, Stage finalStage)
    {
        _steps.Clear();
        var targets = world.Targets[c.Severity];
        var actor = c.Owner ?? c.OpenedBy;
        var t = TimeSpan.Zero;
        var stage = Stage.Logged;
        var followUpDays = 0;
        var amount = c.Value is { } v ? Math.Round(v * (decimal)(0.1 + (_rng.NextDouble() * 0.4)), 2) : 25m;
        var gesture = Gestures[_rng.Next(Gestures.Length)];

        void Add(string kind, string summary, Stage? to, string? details = null, string? note = null, StaffMember? by = null)
        {
            _steps.Add(new Step { Kind = kind, Summary = summary, At = c.OpenedAt + t, From = to is null ? null : stage, To = to, Details = details, Note = note, Actor = by ?? actor });
            stage = to ?? stage;
        }

        TimeSpan Minutes(double min, double max) => TimeSpan.FromMinutes(min + (_rng.NextDouble() * (max - min)));
        void After(double min, double max) => t += Minutes(min, max);

        _steps.Add(new Step
        {
            Kind = TimelineKinds.Logged, Summary = "Logged the complaint", At = c.OpenedAt, To = Stage.Logged, Actor = c.OpenedBy,
            Details = string.Create(CultureInfo.InvariantCulture, $"{c.Severity} via {c.Channel}, owner {c.Owner?.Name ?? "unassigned"}"),
        });

        void Apologize()
        {
            t = Max(t + TimeSpan.FromMinutes(1), targets.FirstResponse * (0.05 + (_rng.NextDouble() * 1.25)));
            Add(TimelineKinds.Apologized, "Apologized to the customer", Stage.Apologized);
        }

        void Listen()
        {
            After(5, 120);
            Add(TimelineKinds.Listened, "Listened to the customer", Stage.Listened);
        }

        void Fix()
        {
            t = Max(t + TimeSpan.FromMinutes(10), targets.Resolution * (0.1 + (_rng.NextDouble() * 1.2)));
            Add(TimelineKinds.Fixed, _rng.NextDouble() < 0.2 ? "Fixed the problem at first contact" : "Fixed the problem", Stage.Fixed);
        }

        string Worth(decimal value) => string.Create(CultureInfo.InvariantCulture, $"{gesture} worth {value:0.00} EUR");

        void Atone(bool viaApproval)
        {
            After(10, 600);
            if (viaApproval)
            {
                Add(TimelineKinds.AtonementProposed, $"Proposed a gesture: {Worth(amount * 4)} — waiting for a supervisor (above the proposer's limit)", Stage.AtonementPendingApproval);
                if (finalStage == Stage.AtonementPendingApproval)
                {
                    return;
                }

                After(30, 1440);
                var supervisor = _supervisors.Length > 0 ? _supervisors[_rng.Next(_supervisors.Length)] : actor;
                Add(TimelineKinds.AtonementApproved, $"Approved the gesture: {Worth(amount * 4)}", Stage.Atoned,
                    details: string.Create(CultureInfo.InvariantCulture, $"proposed by {actor.Name}: {amount * 4:0.00} → {amount * 4:0.00}"), by: supervisor);
            }
            else if (_rng.NextDouble() < 0.25)
            {
                Add(TimelineKinds.Atoned, "Apologized without a gesture of value", Stage.Atoned);
            }
            else
            {
                Add(TimelineKinds.Atoned, $"Gave a gesture: {Worth(amount)}", Stage.Atoned);
            }
        }

        void ScheduleFollowUp()
        {
            After(10, 240);
            followUpDays = _rng.Next(1, 8);
            var due = DateOnly.FromDateTime((c.OpenedAt + t).UtcDateTime).AddDays(followUpDays);
            Add(TimelineKinds.FollowUpScheduled, string.Create(CultureInfo.InvariantCulture, $"Scheduled a follow-up for {due:yyyy-MM-dd}"), Stage.FollowUpDue);
        }

        void FollowUpCall() => t += TimeSpan.FromDays(Math.Max(followUpDays, 1)) + Minutes(0, 480);

        void NoAnswer()
        {
            FollowUpCall();
            c.FollowUpAttempts++;
            followUpDays = 1;
            var next = DateOnly.FromDateTime((c.OpenedAt + t).UtcDateTime).AddDays(1);
            Add(TimelineKinds.NoAnswer, string.Create(CultureInfo.InvariantCulture, $"Followed up: no answer (attempt {c.FollowUpAttempts} of {Transitions.MaxNoAnswerAttempts}); next try on {next:yyyy-MM-dd}"),
                Stage.FollowUpDue, details: string.Create(CultureInfo.InvariantCulture, $"attempt {c.FollowUpAttempts - 1} → {c.FollowUpAttempts}"));
        }

        void ThroughFix()
        {
            Apologize();
            Listen();
            Fix();
        }

        switch (finalStage)
        {
            case Stage.Logged:
                break;
            case Stage.Apologized:
                Apologize();
                break;
            case Stage.Listened:
                Apologize();
                Listen();
                if (_rng.NextDouble() < 0.1)
                {
                    Fix();
                    Atone(false);
                    ScheduleFollowUp();
                    FollowUpCall();
                    c.ReopenCount = 1;
                    c.FollowUpAttempts = 0;
                    Add(TimelineKinds.Reopened, "Followed up: the customer is not satisfied; case reopened to fix it again", Stage.Listened,
                        details: "reopened 0 → 1", note: Words.ReopenNotes[_rng.Next(Words.ReopenNotes.Length)]);
                }

                break;
            case Stage.Fixed:
                ThroughFix();
                break;
            case Stage.AtonementPendingApproval:
                ThroughFix();
                Atone(true);
                break;
            case Stage.Atoned:
                ThroughFix();
                Atone(_rng.NextDouble() < 0.3);
                break;
            case Stage.FollowUpDue:
                ThroughFix();
                Atone(_rng.NextDouble() < 0.1);
                ScheduleFollowUp();
                for (var n = _rng.NextDouble() < 0.3 ? _rng.Next(1, 3) : 0; n > 0; n--)
                {
                    NoAnswer();
                }

                break;
            case Stage.Closed:
                ThroughFix();
                Atone(_rng.NextDouble() < 0.1);
                ScheduleFollowUp();
                if (_rng.NextDouble() < 0.15)
                {
                    NoAnswer();
                }

                FollowUpCall();
                Add(TimelineKinds.Satisfied, "Followed up: the customer is satisfied; case closed as recovered", Stage.Closed);
                c.Outcome = CaseOutcome.Recovered;
                break;
            case Stage.ClosedWithoutRecovery:
                ThroughFix();
                Atone(_rng.NextDouble() < 0.1);
                ScheduleFollowUp();
                if (_rng.NextDouble() < 0.7)
                {
                    FollowUpCall();
                    c.ClosingNote = Words.ClosingNotes[_rng.Next(Words.ClosingNotes.Length)];
                    Add(TimelineKinds.ClosedUnsatisfied, "Closed without recovery: the customer remains unsatisfied", Stage.ClosedWithoutRecovery, note: c.ClosingNote);
                    c.Outcome = CaseOutcome.Unsatisfied;
                }
                else
                {
                    NoAnswer();
                    NoAnswer();
                    FollowUpCall();
                    c.FollowUpAttempts = Transitions.MaxNoAnswerAttempts;
                    Add(TimelineKinds.Unreachable, string.Create(CultureInfo.InvariantCulture, $"Followed up: no answer after {Transitions.MaxNoAnswerAttempts} attempts; case closed as unreachable"),
                        Stage.ClosedWithoutRecovery, details: string.Create(CultureInfo.InvariantCulture, $"attempt {Transitions.MaxNoAnswerAttempts - 1} → {Transitions.MaxNoAnswerAttempts}"));
                    c.Outcome = CaseOutcome.Unreachable;
                }

                break;
            case Stage.Withdrawn:
                var progressed = _rng.Next(0, 4);
                if (progressed >= 1) Apologize();
                if (progressed >= 2) Listen();
                if (progressed >= 3) Fix();
                After(10, 2880);
                c.WithdrawReason = _rng.NextDouble() < 0.6 ? WithdrawReason.Duplicate : WithdrawReason.LoggedInError;
                c.ClosingNote = Words.WithdrawNotes[_rng.Next(Words.WithdrawNotes.Length)];
                Add(TimelineKinds.Withdrawn, c.WithdrawReason == WithdrawReason.Duplicate ? "Withdrawn as a duplicate" : "Withdrawn: logged in error",
                    Stage.Withdrawn, note: c.ClosingNote);
                c.Outcome = CaseOutcome.Withdrawn;
                break;
        }

        // Open cases: 4 % (past the first step) wait for the customer, the SLA clock paused.
        var open = !Transitions.IsTerminal(finalStage);
        if (open && finalStage != Stage.Logged && _rng.NextDouble() < 0.04)
        {
            After(5, 240);
            c.WaitingReason = Words.WaitingReasons[_rng.Next(Words.WaitingReasons.Length)];
            Add(TimelineKinds.WaitingForCustomer, "Waiting for the customer: the SLA clock is paused", null, note: c.WaitingReason);
        }

        // Squeeze the story into the time since the case was logged when it would end in the future.
        var available = world.Now - c.OpenedAt;
        var span = _steps[^1].At - c.OpenedAt;
        if (span > available * 0.98 && span > TimeSpan.Zero)
        {
            var factor = available * (0.5 + (_rng.NextDouble() * 0.48)) / span;
            for (var i = 1; i < _steps.Count; i++)
            {
                var step = _steps[i];
                step.At = c.OpenedAt + ((step.At - c.OpenedAt) * factor);
                _steps[i] = step;
            }
        }

        var steps = _steps.ToArray();
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i].At = Truncate(steps[i].At);
            steps[i].Id = V7(steps[i].At);
            switch (steps[i].Kind)
            {
                case TimelineKinds.Apologized:
                    c.FirstRespondedAt ??= steps[i].At;
                    break;
                case TimelineKinds.Fixed:
                    c.ResolvedAt ??= steps[i].At;
                    break;
                case TimelineKinds.FollowUpScheduled or TimelineKinds.NoAnswer:
                    c.FollowUpDueOn = DateOnly.FromDateTime(steps[i].At.UtcDateTime).AddDays(followUpDays);
                    break;
                case TimelineKinds.WaitingForCustomer:
                    c.WaitingSince = steps[i].At;
                    c.WaitingId = V7(steps[i].At);
                    break;
            }
        }

        c.Steps = steps;
        c.Stage = stage;
        if (!open)
        {
            c.ClosedAt = steps[^1].At;
            c.FollowUpDueOn = null;
            return;
        }

        if (c.Stage != Stage.FollowUpDue)
        {
            c.FollowUpDueOn = null;
        }

        // RecoveryCase.RecomputeSla on a 24x7 calendar: first response, then resolution; an open pause stops the clock.
        var target = c.FirstRespondedAt is null && c.ResolvedAt is null ? targets.FirstResponse
            : c.ResolvedAt is null ? targets.Resolution
            : (TimeSpan?)null;
        if (target is { } due)
        {
            c.SlaDueAt = Reached(c.OpenedAt + due, c.WaitingSince);
            c.SlaAtRiskAt = Reached(c.OpenedAt + TimeSpan.FromTicks((long)(due.Ticks * world.AtRiskFraction)), c.WaitingSince);
        }
    }

    private static DateTimeOffset? Reached(DateTimeOffset when, DateTimeOffset? pausedAt) =>
        pausedAt is { } p && p < when ? null : when;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>PostgreSQL keeps microseconds.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>A version-7 UUID (time-ordered, like Guid.CreateVersion7) from the seeded generator.</summary>
    private Guid V7(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _rng.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt64BigEndian(bytes[..8], ((ulong)ms << 16) | ((ulong)bytes[6] & 0x0FFF) | 0x7000);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private int Pick(double[] cumulative)
    {
        var x = _rng.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return i >= 0 ? Math.Min(i + 1, cumulative.Length - 1) : ~i;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var total = 0.0;
        return [.. weights.Select(w => total += w)];
    }
}
