using System.Buffers.Binary;
using System.Globalization;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Compensation;
using ServiceRecovery.Domain.Customers;
using ServiceRecovery.Domain.Sla;

namespace ServiceRecovery.Seeder;

/// <summary>A member of staff who can own, open and act on cases, with the atonement limit the app would give them.</summary>
internal sealed record StaffMember(Guid Id, string Name, StaffRole Roles, decimal AtonementLimit)
{
    public Actor Actor { get; } = new(Id, Name, Roles);

    public bool IsFrontline => Actor.IsFrontline;

    public bool IsApprover => Actor.IsSupervisorOrAbove;
}

/// <summary>What the generator needs from the database: who works there, the categories and the app's SLA policy.</summary>
internal sealed record World(
    IReadOnlyList<StaffMember> Staff,
    IReadOnlyList<string> Categories,
    IReadOnlyList<RootCauseLeaf> RootCauses,
    SlaPolicy Sla,
    AbusePolicy Abuse,
    string Currency,
    DateTimeOffset Now,
    long FirstNumber);

internal sealed class CustomerPlan
{
    public Guid Id;
    public string Name = "";
    public string? Email;
    public string? Phone;
    public CustomerTier Tier;
    public DateTimeOffset CreatedAt = DateTimeOffset.MaxValue;
}

/// <summary>
/// Realistic cases, made by the domain: the generator only plans (customer, category, severity, how far the case
/// gets, who acts and when); every change is a <see cref="RecoveryCase"/> method called with an
/// <see cref="ActionContext"/> whose clock is the planned instant and whose SLA policy is the app's. Stages, timeline
/// texts, SLA deadlines, gestures, follow-ups and the ledger are whatever the domain makes of it.
/// Severities 40/35/20/5 %, ~70 % closed, open cases mostly recent, ~2.5 cases per customer.
/// </summary>
internal sealed class Generator(World world, int seed)
{
    /// <summary>Cases made from one random stream; chunks can be made on several threads and give the same data.</summary>
    public const int ChunkSize = 1024;

    private static readonly GestureType[] Gestures =
        [GestureType.Refund, GestureType.Credit, GestureType.Discount, GestureType.Voucher, GestureType.Gift, GestureType.Upgrade];

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
    private readonly StaffMember[] _approvers = [.. world.Staff.Where(s => s.IsApprover)];
    private readonly StaffMember[] _others = [.. world.Staff.Where(s => !s.IsFrontline)];
    private readonly double[] _categoryCumulative = Cumulative(world.Categories.Select(c => (double)Words.CategoryWeight(c)));
    private readonly double[] _stageCumulative = Cumulative(StageMix.Select(s => s.Weight));
    private readonly double[] _channelCumulative = Cumulative(ChannelMix.Select(c => c.Weight));

    private World World => world;

    /// <summary>When the last case was logged (after <see cref="Prepare"/>).</summary>
    public DateTimeOffset LastOpenedAt => new(_openedTicks[^1], TimeSpan.Zero);

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
            var stage = StageMix[Pick(_stageCumulative, _rng)].Stage;
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

    /// <summary>
    /// Cases <paramref name="start"/> up to <paramref name="end"/> (after <see cref="Prepare"/>), from the random stream
    /// of their chunk: thread-safe, and the same seed plans the same cases whichever thread makes them.
    /// </summary>
    public RecoveryCase[] Cases(int start, int end)
    {
        var story = new Story(this, new Random(unchecked((seed * 1_000_003) + (start / ChunkSize))));
        var cases = new RecoveryCase[end - start];
        for (var i = start; i < end; i++)
        {
            cases[i - start] = story.Make(world.FirstNumber + i, _customers[_customerOf[i]], new DateTimeOffset(_openedTicks[i], TimeSpan.Zero), _stages[i]);
        }

        return cases;
    }

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

    /// <summary>A step of the plan: what to do, and when (from the moment the case was logged).</summary>
    private enum Move : byte
    {
        Apologize,
        Listen,
        Fix,
        Atone,
        Propose,
        Approve,
        ScheduleFollowUp,
        NoAnswer,
        Satisfied,
        NotSatisfied,
        CloseUnsatisfied,
        Withdraw,
        WaitForCustomer,
    }

    private readonly record struct Planned(Move Move, TimeSpan At);

    /// <summary>Plans and plays the cases of one chunk with its own random stream.</summary>
    private sealed class Story(Generator g, Random rng)
    {
        private readonly List<Planned> _plan = new(16);
        private readonly World _world = g.World;

        public RecoveryCase Make(long number, CustomerPlan customer, DateTimeOffset openedAt, Stage finalStage)
        {
            var s = rng.NextDouble();
            var severity = s < 0.05 ? Severity.Critical : s < 0.25 ? Severity.Major : s < 0.60 ? Severity.Moderate : Severity.Minor;
            var owner = rng.NextDouble() < 0.15 ? null
                : rng.NextDouble() < 0.85 || g._others.Length == 0 ? Pick(g._frontline)
                : Pick(g._others);
            var openedBy = rng.NextDouble() < 0.9 ? Pick(g._frontline) : _world.Staff[rng.Next(_world.Staff.Count)];

            // Whoever works the case: its owner; an unassigned case mostly by a supervisor (it stays unassigned),
            // sometimes by a frontline colleague, whom the domain then makes its owner.
            var actor = owner ?? (rng.NextDouble() < 0.8 && g._approvers.Length > 0 ? Pick(g._approvers) : Pick(g._frontline));
            var value = rng.NextDouble() < 0.7 ? Spend() : (decimal?)null;

            var c = RecoveryCase.Log(
                CaseReference.Format(openedAt.Year, number),
                customer.Id,
                g.ChannelPick(rng),
                _world.Categories[g.Pick(g._categoryCumulative, rng)],
                severity,
                rng.NextDouble() < 0.6 ? Pick(Words.CustomerExpected) : null,
                Pick(Words.WhatHappened),
                rng.NextDouble() < 0.7 ? Pick(Words.CustomerWants) : null,
                value,
                value is null ? null : _world.Currency,
                owner?.Id,
                owner?.Name,
                Context(openedBy, openedAt));

            Plan(finalStage, _world.Sla.For(severity));
            Squeeze(openedAt);
            foreach (var step in _plan)
            {
                Play(c, step.Move, actor, Context(actor, openedAt + step.At));
            }

            // About two recovered customers in five come back 3–120 days later (staff record it on the case): the
            // dashboard's retention after recovery counts those within 90 days.
            if (c.Outcome == CaseOutcome.Recovered && rng.NextDouble() < 0.4)
            {
                var back = c.ClosedAt!.Value + TimeSpan.FromDays(3 + (rng.NextDouble() * 117));
                if (back < _world.Now)
                {
                    var zone = _world.Sla.Calendar.TimeZone;
                    var spent = rng.NextDouble() < 0.6 ? Spend() : (decimal?)null;
                    c.RecordReturn(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(back, zone).DateTime), spent, _world.Currency, zone, Context(actor, back));
                }
            }

            c.ClearEvents(); // nobody dispatches them here (the app's unit of work would)
            return c;
        }

        /// <summary>What a stay or a meal costs: 55 to 665, log-uniform.</summary>
        private decimal Spend() => Math.Round((decimal)Math.Clamp(Math.Exp(4 + (rng.NextDouble() * 2.5)), 5, 5000), 2);

        private ActionContext Context(StaffMember who, DateTimeOffset at) =>
            new(who.Actor, new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero), RequestId: null, _world.Sla); // PostgreSQL keeps microseconds

        /// <summary>The steps that take the case to <paramref name="finalStage"/>, with realistic gaps between them.</summary>
        private void Plan(Stage finalStage, SlaTargets targets)
        {
            _plan.Clear();
            var t = TimeSpan.Zero;
            var followUpDays = 0;

            void Add(Move move) => _plan.Add(new Planned(move, t));
            void After(double minMinutes, double maxMinutes) => t += TimeSpan.FromMinutes(minMinutes + (rng.NextDouble() * (maxMinutes - minMinutes)));

            void Apologize()
            {
                t = Max(t + TimeSpan.FromMinutes(1), targets.FirstResponse * (0.05 + (rng.NextDouble() * 1.25)));
                Add(Move.Apologize);
            }

            void Listen()
            {
                After(5, 120);
                Add(Move.Listen);
            }

            void Fix()
            {
                t = Max(t + TimeSpan.FromMinutes(10), targets.Resolution * (0.1 + (rng.NextDouble() * 1.2)));
                Add(Move.Fix);
            }

            void ThroughFix()
            {
                Apologize();
                Listen();
                Fix();
            }

            void Atone(bool viaApproval, bool decided = true)
            {
                After(10, 600);
                if (!viaApproval)
                {
                    Add(Move.Atone);
                    return;
                }

                Add(Move.Propose);
                if (decided)
                {
                    After(30, 1440);
                    Add(Move.Approve);
                }
            }

            void ScheduleFollowUp()
            {
                After(10, 240);
                followUpDays = rng.Next(1, 8);
                Add(Move.ScheduleFollowUp);
            }

            // The call is made on the day it is due, or a little later.
            void Call(Move outcome)
            {
                t += TimeSpan.FromDays(Math.Max(followUpDays, 1)) + TimeSpan.FromMinutes(rng.NextDouble() * 480);
                followUpDays = 1;
                Add(outcome);
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
                    if (rng.NextDouble() < 0.1)
                    {
                        Fix();
                        Atone(viaApproval: false);
                        ScheduleFollowUp();
                        Call(Move.NotSatisfied);
                    }

                    break;
                case Stage.Fixed:
                    ThroughFix();
                    break;
                case Stage.AtonementPendingApproval:
                    ThroughFix();
                    Atone(viaApproval: true, decided: false);
                    break;
                case Stage.Atoned:
                    ThroughFix();
                    Atone(rng.NextDouble() < 0.3);
                    break;
                case Stage.FollowUpDue:
                    ThroughFix();
                    Atone(rng.NextDouble() < 0.1);
                    ScheduleFollowUp();
                    for (var n = rng.NextDouble() < 0.3 ? rng.Next(1, 3) : 0; n > 0; n--)
                    {
                        Call(Move.NoAnswer);
                    }

                    break;
                case Stage.Closed:
                    ThroughFix();
                    Atone(rng.NextDouble() < 0.1);
                    ScheduleFollowUp();
                    if (rng.NextDouble() < 0.15)
                    {
                        Call(Move.NoAnswer);
                    }

                    Call(Move.Satisfied);
                    break;
                case Stage.ClosedWithoutRecovery:
                    ThroughFix();
                    Atone(rng.NextDouble() < 0.1);
                    ScheduleFollowUp();
                    if (rng.NextDouble() < 0.7)
                    {
                        Call(Move.CloseUnsatisfied);
                    }
                    else
                    {
                        for (var n = 0; n < Transitions.MaxNoAnswerAttempts; n++)
                        {
                            Call(Move.NoAnswer); // the last one closes the case as unreachable
                        }
                    }

                    break;
                case Stage.Withdrawn:
                    var progressed = rng.Next(0, 4);
                    if (progressed >= 1) Apologize();
                    if (progressed >= 2) Listen();
                    if (progressed >= 3) Fix();
                    After(10, 2880);
                    Add(Move.Withdraw);
                    break;
            }

            // Open cases: 4 % (past the first step) wait for the customer, the SLA clock paused.
            if (!Transitions.IsTerminal(finalStage) && finalStage != Stage.Logged && rng.NextDouble() < 0.04)
            {
                After(5, 240);
                Add(Move.WaitForCustomer);
            }
        }

        /// <summary>Squeezes the story into the time since the case was logged when it would end in the future.</summary>
        private void Squeeze(DateTimeOffset openedAt)
        {
            if (_plan.Count == 0)
            {
                return;
            }

            var available = _world.Now - openedAt;
            var span = _plan[^1].At;
            if (span > available * 0.98 && span > TimeSpan.Zero)
            {
                var factor = available * (0.5 + (rng.NextDouble() * 0.48)) / span;
                for (var i = 0; i < _plan.Count; i++)
                {
                    _plan[i] = _plan[i] with { At = _plan[i].At * factor };
                }
            }
        }

        /// <summary>One planned step, through the case's own method (as the app's handlers call it).</summary>
        private void Play(RecoveryCase c, Move move, StaffMember actor, ActionContext ctx)
        {
            switch (move)
            {
                case Move.Apologize:
                    c.Apologize(Pick(Words.Apologies), [], ctx);
                    break;
                case Move.Listen:
                    c.Listen(Pick(Words.CustomerFeels), rng.NextDouble() < 0.6 ? Pick(Words.CustomerWants) : null, ctx);
                    break;
                case Move.Fix:
                    if (!c.HasRootCause && _world.RootCauses.Count > 0)
                    {
                        // The app's fix step records the root cause (required before the case can close).
                        c.ClassifyRootCause(_world.RootCauses[rng.Next(_world.RootCauses.Count)], null, null, ctx);
                    }

                    c.Fix(Pick(Words.FixesDone), resolvedAtFirstContact: rng.NextDouble() < 0.2, ctx);
                    break;
                case Move.Atone:
                    GiveGesture(c, actor, ctx);
                    break;
                case Move.Propose:
                    ProposeAboveLimit(c, actor, ctx);
                    break;
                case Move.Approve:
                    // Approved by another supervisor or manager whose own limit covers it; without one, the proposal
                    // was already a gesture the actor could give (see ProposeAboveLimit).
                    if (c.Stage == Stage.AtonementPendingApproval && Approver(actor, c.PendingAtonement!.Amount!.Value) is { } approver)
                    {
                        c.ApproveAtonement(Empower(approver), adjustedAmount: null, reason: null, Context(approver, ctx.Now));
                    }

                    break;
                case Move.ScheduleFollowUp:
                    c.ScheduleFollowUp(ctx.Today.AddDays(rng.Next(1, 8)), ctx);
                    break;
                case Move.NoAnswer:
                    c.RecordFollowUpOutcome(FollowUpOutcome.NoAnswer, note: null, ctx);
                    break;
                case Move.Satisfied:
                    c.RecordFollowUpOutcome(FollowUpOutcome.Satisfied, note: null, ctx);
                    break;
                case Move.NotSatisfied:
                    c.RecordFollowUpOutcome(FollowUpOutcome.NotSatisfied, Pick(Words.ReopenNotes), ctx);
                    break;
                case Move.CloseUnsatisfied:
                    c.CloseUnsatisfied(Pick(Words.ClosingNotes), ctx);
                    break;
                case Move.Withdraw:
                    c.Withdraw(rng.NextDouble() < 0.6 ? WithdrawReason.Duplicate : WithdrawReason.LoggedInError, Pick(Words.WithdrawNotes), ctx);
                    break;
                case Move.WaitForCustomer:
                    c.WaitForCustomer(Pick(Words.WaitingReasons), ctx);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(move), move, null);
            }
        }

        /// <summary>A gesture within the actor's own limit (a quarter of them apology-only), approved at once.</summary>
        private void GiveGesture(RecoveryCase c, StaffMember actor, ActionContext ctx)
        {
            var worth = Math.Round((c.TransactionValue ?? 25m) * (decimal)(0.1 + (rng.NextDouble() * 0.4)), 2);
            var amount = Math.Min(Math.Max(worth, 1m), actor.AtonementLimit);
            if (rng.NextDouble() < 0.25 || amount < 1m)
            {
                c.RecordAtonement(GestureType.ApologyOnly, null, null, Pick(Words.ApologyOnlyReasons), Empower(actor), ctx);
                return;
            }

            c.RecordAtonement(Pick(Gestures), amount, _world.Currency, null, Empower(actor), ctx);
        }

        /// <summary>A gesture above the actor's limit, so the domain sends it to a supervisor; a gesture within it when no approver could decide it.</summary>
        private void ProposeAboveLimit(RecoveryCase c, StaffMember actor, ActionContext ctx)
        {
            var amount = actor.AtonementLimit + Math.Round(5m + ((decimal)rng.NextDouble() * 145m), 2);
            if (Approver(actor, amount) is null)
            {
                GiveGesture(c, actor, ctx);
                return;
            }

            c.RecordAtonement(Pick(Gestures), amount, _world.Currency, null, Empower(actor), ctx);
        }

        private StaffMember? Approver(StaffMember proposer, decimal amount)
        {
            var able = Array.FindAll(g._approvers, a => a.Id != proposer.Id && a.AtonementLimit >= amount);
            return able.Length == 0 ? null : able[rng.Next(able.Length)];
        }

        /// <summary>The limit as the app reads it; the customer's earlier gestures are not counted (a seeded customer is never flagged).</summary>
        private Empowerment Empower(StaffMember who) => new(who.AtonementLimit, _world.Currency, CustomerCompensation.None, _world.Abuse);

        private T Pick<T>(T[] items) => items[rng.Next(items.Length)];

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
    }

    private Channel ChannelPick(Random rng) => ChannelMix[Pick(_channelCumulative, rng)].Channel;

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

    private int Pick(double[] cumulative, Random rng)
    {
        var x = rng.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return i >= 0 ? Math.Min(i + 1, cumulative.Length - 1) : ~i;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var total = 0.0;
        return [.. weights.Select(w => total += w)];
    }
}
