using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Seeder;

/// <summary>One table the seeder loads: its COPY column list and how one source item becomes its rows.</summary>
internal sealed class SeededTable<T>(string name, string columns, Action<CopyRows, T> addRows)
{
    public string Name => name;

    public string Columns => columns;

    /// <summary>The rows of <paramref name="item"/> (none, one or several), in the order of <see cref="Columns"/>.</summary>
    public void AddRows(CopyRows rows, T item) => addRows(rows, item);
}

/// <summary>
/// The rows of a case made by the domain, table by table: the aggregate's own properties and collections, as the
/// app's EF mapping (CaseConfiguration) stores them.
/// </summary>
internal static class CaseTables
{
    public static readonly SeededTable<CustomerPlan> Customers = One<CustomerPlan>("customers", "id, name, email, phone, tier, created_at", CustomerRow);

    /// <summary>In COPY order: the cases first (every other table points at them).</summary>
    public static readonly SeededTable<RecoveryCase>[] All =
    [
        One<RecoveryCase>("recovery_cases",
            "id, reference, customer_id, channel, category, severity, customer_expected, what_happened, customer_wants, transaction_value, currency, " +
            "owner_id, owner_name, opened_at, opened_by_id, opened_by_name, stage, closed_at, outcome, withdraw_reason, closing_note, reopen_count, " +
            "follow_up_attempts, follow_up_due_on, last_timeline_sequence, first_responded_at, resolved_at, sla_at_risk_at, sla_due_at, waiting_since, root_cause_id, root_cause_note, " +
            "first_response_business_minutes, first_response_met_sla, resolution_business_minutes, resolution_met_sla, first_fix_at_first_contact, " +
            "returned_on, return_value, return_currency",
            CaseRow),
        Many("case_timeline", "id, case_id, sequence, at, actor_id, actor_name, kind, summary, from_stage, to_stage, details, note, request_id", c => c.Timeline, TimelineEntryRow),
        Many<Apology>("case_apologies", "id, case_id, words, coaching_hints, by_id, by_name, at", c => c.Apology is { } a ? [a] : [], ApologyRow),
        Many<ListeningNote>("case_listening_notes", "id, case_id, customer_feels, customer_would_like, by_id, by_name, at", c => c.ListeningNote is { } l ? [l] : [], ListeningNoteRow),
        Many("case_fixes", "id, case_id, number, what_was_done, resolved_at_first_contact, by_id, by_name, at", c => c.Fixes, FixRow),
        Many("case_atonements",
            "id, case_id, number, gesture, amount, currency, description, status, proposer_limit, proposed_by_id, proposed_by_name, proposed_at, decided_by_id, " +
            "decided_by_name, decided_at, decision_reason, fulfilled_at, fulfilled_by_id, fulfilled_by_name, guidance_note, needs_approval_because, proposed_amount",
            c => c.Atonements, AtonementRow),
        Many("case_follow_ups", "id, case_id, number, attempt, due_on, scheduled_by_id, scheduled_by_name, scheduled_at, outcome, note, by_id, by_name, at", c => c.FollowUps, FollowUpRow),
        Many("compensation_ledger", "id, case_id, customer_id, atonement_id, kind, gesture, amount, currency, staff_id, staff_name, actor_id, actor_name, at", c => c.Ledger, LedgerEntryRow),
        Many("case_waiting_periods", "id, case_id, reason, started_at, started_by_name, ended_at", c => c.WaitingPeriods, WaitingPeriodRow),
    ];

    private static SeededTable<T> One<T>(string name, string columns, Action<CopyRows, T> write)
    {
        var fields = Fields(columns);
        return new SeededTable<T>(name, columns, (rows, item) =>
        {
            rows.StartRow(fields);
            write(rows, item);
        });
    }

    /// <summary>A table of one of the case's collections: a row per item.</summary>
    private static SeededTable<RecoveryCase> Many<TItem>(string name, string columns, Func<RecoveryCase, IReadOnlyList<TItem>> items, Action<CopyRows, TItem> write)
    {
        var fields = Fields(columns);
        return new SeededTable<RecoveryCase>(name, columns, (rows, c) =>
        {
            foreach (var item in items(c))
            {
                rows.StartRow(fields);
                write(rows, item);
            }
        });
    }

    private static short Fields(string columns) => (short)columns.Split(',').Length;

    private static void CustomerRow(CopyRows w, CustomerPlan c)
    {
        w.Uuid(c.Id);
        w.Text(c.Name);
        w.Text(c.Email);
        w.Text(c.Phone);
        w.Text(c.Tier.ToString());
        w.Time(c.CreatedAt);
    }

    private static void CaseRow(CopyRows w, RecoveryCase c)
    {
        w.Uuid(c.Id);
        w.Text(c.Reference);
        w.Uuid(c.CustomerId);
        w.Text(c.Channel.ToString());
        w.Text(c.Category);
        w.Text(c.Severity.ToString());
        w.Text(c.CustomerExpected);
        w.Text(c.WhatHappened);
        w.Text(c.CustomerWants);
        w.Money(c.TransactionValue);
        w.Text(c.Currency);
        w.Uuid(c.OwnerId);
        w.Text(c.OwnerName);
        w.Time(c.OpenedAt);
        w.Uuid(c.OpenedById);
        w.Text(c.OpenedByName);
        w.Text(c.Stage.ToString());
        w.Time(c.ClosedAt);
        w.Text(c.Outcome?.ToString());
        w.Text(c.WithdrawReason?.ToString());
        w.Text(c.ClosingNote);
        w.Int(c.ReopenCount);
        w.Int(c.FollowUpAttempts);
        w.Date(c.FollowUpDueOn);
        w.Int(c.LastTimelineSequence);
        w.Time(c.FirstRespondedAt);
        w.Time(c.ResolvedAt);
        w.Time(c.SlaAtRiskAt);
        w.Time(c.SlaDueAt);
        w.Time(c.WaitingSince);
        w.Uuid(c.RootCauseId);
        w.Text(c.RootCauseNote);
        w.Int(c.FirstResponseBusinessMinutes);
        w.Bool(c.FirstResponseMetSla);
        w.Int(c.ResolutionBusinessMinutes);
        w.Bool(c.ResolutionMetSla);
        w.Bool(c.FirstFixAtFirstContact);
        w.Date(c.ReturnedOn);
        w.Money(c.ReturnValue);
        w.Text(c.ReturnCurrency);
    }

    private static void TimelineEntryRow(CopyRows w, TimelineEntry t)
    {
        w.Uuid(t.Id);
        w.Uuid(t.CaseId);
        w.Int(t.Sequence);
        w.Time(t.At);
        w.Uuid(t.ActorId);
        w.Text(t.ActorName);
        w.Text(t.Kind);
        w.Text(t.Summary);
        w.Text(t.FromStage?.ToString());
        w.Text(t.ToStage?.ToString());
        w.Text(t.Details);
        w.Text(t.Note);
        w.Uuid(t.RequestId);
    }

    private static void ApologyRow(CopyRows w, Apology a)
    {
        w.Uuid(a.Id);
        w.Uuid(a.CaseId);
        w.Text(a.Words);
        w.Text(a.CoachingHints);
        w.Uuid(a.ById);
        w.Text(a.ByName);
        w.Time(a.At);
    }

    private static void ListeningNoteRow(CopyRows w, ListeningNote l)
    {
        w.Uuid(l.Id);
        w.Uuid(l.CaseId);
        w.Text(l.CustomerFeels);
        w.Text(l.CustomerWouldLike);
        w.Uuid(l.ById);
        w.Text(l.ByName);
        w.Time(l.At);
    }

    private static void FixRow(CopyRows w, FixRecord f)
    {
        w.Uuid(f.Id);
        w.Uuid(f.CaseId);
        w.Int(f.Number);
        w.Text(f.WhatWasDone);
        w.Bool(f.ResolvedAtFirstContact);
        w.Uuid(f.ById);
        w.Text(f.ByName);
        w.Time(f.At);
    }

    private static void AtonementRow(CopyRows w, Atonement a)
    {
        w.Uuid(a.Id);
        w.Uuid(a.CaseId);
        w.Int(a.Number);
        w.Text(a.Gesture.ToString());
        w.Money(a.Amount);
        w.Text(a.Currency);
        w.Text(a.Description);
        w.Text(a.Status.ToString());
        w.Money(a.ProposerLimit);
        w.Uuid(a.ProposedById);
        w.Text(a.ProposedByName);
        w.Time(a.ProposedAt);
        w.Uuid(a.DecidedById);
        w.Text(a.DecidedByName);
        w.Time(a.DecidedAt);
        w.Text(a.DecisionReason);
        w.Time(a.FulfilledAt);
        w.Uuid(a.FulfilledById);
        w.Text(a.FulfilledByName);
        w.Text(a.GuidanceNote);
        w.Text(a.NeedsApprovalBecause);
        w.Money(a.ProposedAmount);
    }

    private static void FollowUpRow(CopyRows w, FollowUp f)
    {
        w.Uuid(f.Id);
        w.Uuid(f.CaseId);
        w.Int(f.Number);
        w.Int(f.Attempt);
        w.Date(f.DueOn);
        w.Uuid(f.ScheduledById);
        w.Text(f.ScheduledByName);
        w.Time(f.ScheduledAt);
        w.Text(f.Outcome?.ToString());
        w.Text(f.Note);
        w.Uuid(f.ById);
        w.Text(f.ByName);
        w.Time(f.At);
    }

    private static void LedgerEntryRow(CopyRows w, CompensationEntry l)
    {
        w.Uuid(l.Id);
        w.Uuid(l.CaseId);
        w.Uuid(l.CustomerId);
        w.Uuid(l.AtonementId);
        w.Text(l.Kind.ToString());
        w.Text(l.Gesture.ToString());
        w.Money(l.Amount);
        w.Text(l.Currency);
        w.Uuid(l.StaffId);
        w.Text(l.StaffName);
        w.Uuid(l.ActorId);
        w.Text(l.ActorName);
        w.Time(l.At);
    }

    private static void WaitingPeriodRow(CopyRows w, WaitingPeriod p)
    {
        w.Uuid(p.Id);
        w.Uuid(p.CaseId);
        w.Text(p.Reason);
        w.Time(p.StartedAt);
        w.Text(p.StartedByName);
        w.Time(p.EndedAt);
    }
}
