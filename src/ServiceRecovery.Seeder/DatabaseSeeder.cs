using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Features.Approvals;
using ServiceRecovery.Web.Features.Queue;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Seeder;

/// <summary>
/// Loads the cases the domain made (see <see cref="Generator"/>) through binary COPY in one transaction: lock, check, (truncate the empty tables so
/// that COPY can FREEZE), drop the indexes and constraints, copy, rebuild them exactly as captured, set the
/// reference sequence, commit, then ANALYZE.
/// </summary>
internal sealed class DatabaseSeeder(SeedOptions options)
{
    /// <summary>At most this many cases may already exist without --append (demo data, a few test cases).</summary>
    public const int MaxExistingCasesWithoutAppend = 1000;

    /// <summary>Below this many new cases, indexes stay in place (rebuilding them would cost more than it saves).</summary>
    private const int BulkThreshold = 50_000;

    private static readonly string[] LoadedTables =
    [
        "customers", "recovery_cases", "case_timeline", "case_apologies", "case_listening_notes", "case_fixes", "case_atonements",
        "case_follow_ups", "compensation_ledger", "case_waiting_periods",
    ];

    private static readonly (string Email, string Name, string Role)[] DemoUsers =
    [
        ("frontline@demo.test", "Fran Frontline", "Frontline"),
        ("supervisor@demo.test", "Sam Supervisor", "Supervisor"),
        ("manager@demo.test", "Maya Manager", "Manager"),
        ("admin@demo.test", "Ada Admin", "Admin"),
    ];

    private const string DemoPassword = "Demo-pass-2026!";

    public async Task<int> RunAsync()
    {
        var total = Stopwatch.StartNew();
        var csb = new NpgsqlConnectionStringBuilder(options.Connection)
        {
            CommandTimeout = 0,
            WriteBufferSize = 256 * 1024,
            ApplicationName = "ServiceRecovery.Seeder",
        };
        await using var conn = new NpgsqlConnection(csb.ConnectionString);
        await conn.OpenAsync();
        Console.WriteLine($"==> Seeding {options.Cases:N0} cases into {csb.Database} on {csb.Host}:{csb.Port} (PostgreSQL {conn.PostgreSqlVersion})");

        await using var tx = await conn.BeginTransactionAsync();
        try
        {
            await ExecAsync(conn, $"LOCK TABLE {string.Join(", ", LoadedTables)} IN ACCESS EXCLUSIVE MODE");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            Console.Error.WriteLine($"The database is not migrated ({ex.MessageText}): run the app once with --migrate-only first.");
            return 3;
        }

        var existing = await ScalarAsync<long>(conn, "SELECT count(*) FROM recovery_cases");
        if (existing > MaxExistingCasesWithoutAppend && !options.Append)
        {
            Console.Error.WriteLine(
                $"Refusing to seed: the database already has {existing:N0} cases (more than {MaxExistingCasesWithoutAppend:N0}). " +
                "Pass --append to add more anyway, or seed an empty database.");
            return 2;
        }

        await ExecAsync(conn, "SET LOCAL maintenance_work_mem = '1GB'");
        var now = DateTimeOffset.UtcNow;
        var roles = await RolesAsync(conn);
        if (options.DemoUsers)
        {
            await EnsureDemoUsersAsync(conn, roles, now);
        }

        await EnsureStaffAsync(conn, roles, now);
        var settings = AppSettings.Load();
        var world = new World(
            await StaffAsync(conn, settings.Limits), await CategoriesAsync(conn), await SlaPolicyAsync(conn), settings.Abuse.Policy,
            settings.Organisation.Currency, now, await FirstNumberAsync(conn));
        if (!world.Staff.Any(s => s.IsFrontline))
        {
            Console.Error.WriteLine("No frontline staff in the users table to own cases: pass --staff N or --demo-users.");
            return 3;
        }

        Console.WriteLine($"    {world.Staff.Count} staff, {world.Categories.Count} categories, SLA {world.Sla.Calendar}, first reference number {world.FirstNumber:N0}, {existing:N0} cases already there");

        // COPY ... FREEZE (rows frozen and all-visible: no hint-bit writes or VACUUM later, index-only scans at once)
        // needs the tables truncated in this transaction; only done when they and every table pointing at them are empty.
        var related = await RelatedTablesAsync(conn);
        var freeze = true;
        foreach (var table in related)
        {
            freeze &= !await ScalarAsync<bool>(conn, $"SELECT EXISTS (SELECT 1 FROM {table})");
        }

        if (freeze)
        {
            await TruncateEmptyAsync(conn, related);
        }

        SchemaSnapshot? schema = null;
        if (!options.KeepIndexes && options.Cases >= BulkThreshold)
        {
            schema = await SchemaSnapshot.CaptureAsync(conn, LoadedTables);
            foreach (var o in schema.InDropOrder)
            {
                await ExecAsync(conn, o.DropSql);
            }

            Console.WriteLine($"    dropped {schema.Keys.Count} keys, {schema.Indexes.Count} indexes and {schema.ForeignKeys.Count} foreign keys for the load");
        }

        // The customers and the skeleton of every case first (cheap, one thread); the cases themselves are made by the
        // domain in chunks on the pool threads while COPY streams the chunks already made, in order.
        var generator = new Generator(world, options.Seed);
        var copyClock = Stopwatch.StartNew();
        var customers = generator.Prepare(options.Cases);
        var cases = new RecoveryCase[options.Cases];
        var making = new MadeInChunks(generator, options.Cases);

        var with = freeze ? "(FORMAT BINARY, FREEZE)" : "(FORMAT BINARY)";
        long timelineRows;
        var rows = new Dictionary<string, long>();
        try
        {
            making.StartAhead(0);
            rows["customers"] = await CopyAsync(conn, "customers", "id, name, email, phone, tier, created_at", with, customers, customers.Length, WriteCustomer);
            rows["recovery_cases"] = await CopyCasesAsync(conn, making, cases, with);
            rows["case_timeline"] = timelineRows = await CopyAsync(
                conn, "case_timeline", "id, case_id, sequence, at, actor_id, actor_name, kind, summary, from_stage, to_stage, details, note, request_id", with,
                cases.SelectMany(c => c.Timeline), cases.Sum(c => (long)c.LastTimelineSequence), WriteTimelineEntry);
            rows["case_apologies"] = await CopyAsync(
                conn, "case_apologies", "id, case_id, words, coaching_hints, by_id, by_name, at", with, cases.Select(c => c.Apology).OfType<Apology>(), null, WriteApology);
            rows["case_listening_notes"] = await CopyAsync(
                conn, "case_listening_notes", "id, case_id, customer_feels, customer_would_like, by_id, by_name, at", with,
                cases.Select(c => c.ListeningNote).OfType<ListeningNote>(), null, WriteListeningNote);
            rows["case_fixes"] = await CopyAsync(
                conn, "case_fixes", "id, case_id, number, what_was_done, resolved_at_first_contact, by_id, by_name, at", with,
                cases.SelectMany(c => c.Fixes), null, WriteFix);
            rows["case_atonements"] = await CopyAsync(
                conn, "case_atonements",
                "id, case_id, number, gesture, amount, currency, description, status, proposer_limit, proposed_by_id, proposed_by_name, proposed_at, decided_by_id, " +
                "decided_by_name, decided_at, decision_reason, fulfilled_at, fulfilled_by_id, fulfilled_by_name, guidance_note, needs_approval_because, proposed_amount",
                with, cases.SelectMany(c => c.Atonements), null, WriteAtonement);
            rows["case_follow_ups"] = await CopyAsync(
                conn, "case_follow_ups", "id, case_id, number, attempt, due_on, scheduled_by_id, scheduled_by_name, scheduled_at, outcome, note, by_id, by_name, at", with,
                cases.SelectMany(c => c.FollowUps), null, WriteFollowUp);
            rows["compensation_ledger"] = await CopyAsync(
                conn, "compensation_ledger", "id, case_id, customer_id, atonement_id, kind, gesture, amount, currency, staff_id, staff_name, actor_id, actor_name, at", with,
                cases.SelectMany(c => c.Ledger), null, WriteLedgerEntry);
            rows["case_waiting_periods"] = await CopyAsync(
                conn, "case_waiting_periods", "id, case_id, reason, started_at, started_by_name, ended_at", with,
                cases.SelectMany(c => c.WaitingPeriods), null, WriteWaitingPeriod);
        }
        finally
        {
            await making.StopAsync();
        }

        var copyTime = copyClock.Elapsed;

        var indexClock = Stopwatch.StartNew();
        if (schema is not null)
        {
            Console.WriteLine("  rebuilding indexes and constraints");
            foreach (var o in schema.InCreateOrder)
            {
                var one = Stopwatch.StartNew();
                await ExecAsync(conn, o.CreateSql);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {o.Kind,-11} {o.Name,-52} {one.Elapsed.TotalSeconds,6:0.0} s"));
            }
        }

        var indexTime = indexClock.Elapsed;
        var lastNumber = world.FirstNumber + cases.Length - 1;
        await ExecAsync(conn, string.Create(CultureInfo.InvariantCulture, $"SELECT setval('case_number_seq', {lastNumber})"));
        await tx.CommitAsync();

        var analyzeClock = Stopwatch.StartNew();
        await ExecAsync(conn, (freeze ? "ANALYZE " : "VACUUM (ANALYZE) ") + string.Join(", ", LoadedTables));
        var analyzeTime = analyzeClock.Elapsed;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"==> Seeded {cases.Length:N0} cases, {customers.Length:N0} customers, {timelineRows:N0} timeline entries in {total.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine("    " + string.Join(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:N0}"))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    domain {making.BusyTime.TotalSeconds:0.0} s of thread time on {making.Threads} threads (overlapping the copy), copy {copyTime.TotalSeconds:0.0} s{(freeze ? " (FREEZE)" : "")}, indexes+constraints {indexTime.TotalSeconds:0.0} s, {(freeze ? "analyze" : "vacuum analyze")} {analyzeTime.TotalSeconds:0.0} s; references up to {CaseReference.Format(cases[^1].OpenedAt.Year, lastNumber)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed-summary cases={cases.Length} customers={customers.Length} timeline={timelineRows} seconds={total.Elapsed.TotalSeconds:0.0} copy={copyTime.TotalSeconds:0.0} indexes={indexTime.TotalSeconds:0.0} analyze={analyzeTime.TotalSeconds:0.0} freeze={freeze}"));
        return 0;
    }

    /// <summary>COPY of <paramref name="rows"/> into <paramref name="table"/>, one <paramref name="write"/> per row.</summary>
    private static async Task<long> CopyAsync<T>(
        NpgsqlConnection conn, string table, string columns, string with, IEnumerable<T> rows, long? expected, Action<NpgsqlBinaryImporter, T> write)
    {
        var progress = new Progress(table, expected ?? 0);
        await using var w = await conn.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN {with}");
        long n = 0;
        foreach (var row in rows)
        {
            w.StartRow();
            write(w, row);
            if ((++n & 0xFFFF) == 0 && expected is not null)
            {
                progress.Report(n);
            }
        }

        await w.CompleteAsync();
        progress.Done(n);
        return n;
    }

    /// <summary>The cases as the chunks are made, in order (the references follow the order the cases were logged in).</summary>
    private static async Task<long> CopyCasesAsync(NpgsqlConnection conn, MadeInChunks making, RecoveryCase[] cases, string with)
    {
        var progress = new Progress("recovery_cases", cases.Length);
        await using var w = await conn.BeginBinaryImportAsync(
            $"""
            COPY recovery_cases (id, reference, customer_id, channel, category, severity, customer_expected, what_happened, customer_wants,
                transaction_value, currency, owner_id, owner_name, opened_at, opened_by_id, opened_by_name, stage, closed_at, outcome,
                withdraw_reason, closing_note, reopen_count, follow_up_attempts, follow_up_due_on, last_timeline_sequence,
                first_responded_at, resolved_at, sla_at_risk_at, sla_due_at, waiting_since) FROM STDIN {with}
            """);
        for (var chunk = 0; chunk < making.Count; chunk++)
        {
            var (start, made) = await making.TakeAsync(chunk);
            foreach (var c in made)
            {
                cases[start++] = c;
                w.StartRow();
                WriteCase(w, c);
            }

            progress.Report(start);
        }

        await w.CompleteAsync();
        progress.Done(cases.Length);
        return cases.Length;
    }

    private static void WriteCustomer(NpgsqlBinaryImporter w, CustomerPlan c)
    {
        w.Write(c.Id, NpgsqlDbType.Uuid);
        w.Write(c.Name, NpgsqlDbType.Varchar);
        Text(w, c.Email);
        Text(w, c.Phone);
        w.Write(c.Tier.ToString(), NpgsqlDbType.Varchar);
        Time(w, c.CreatedAt);
    }

    private static void WriteCase(NpgsqlBinaryImporter w, RecoveryCase c)
    {
        w.Write(c.Id, NpgsqlDbType.Uuid);
        w.Write(c.Reference, NpgsqlDbType.Varchar);
        w.Write(c.CustomerId, NpgsqlDbType.Uuid);
        w.Write(c.Channel.ToString(), NpgsqlDbType.Varchar);
        w.Write(c.Category, NpgsqlDbType.Varchar);
        w.Write(c.Severity.ToString(), NpgsqlDbType.Varchar);
        Text(w, c.CustomerExpected);
        w.Write(c.WhatHappened, NpgsqlDbType.Varchar);
        Text(w, c.CustomerWants);
        Money(w, c.TransactionValue);
        Text(w, c.Currency);
        Id(w, c.OwnerId);
        Text(w, c.OwnerName);
        Time(w, c.OpenedAt);
        w.Write(c.OpenedById, NpgsqlDbType.Uuid);
        w.Write(c.OpenedByName, NpgsqlDbType.Varchar);
        w.Write(c.Stage.ToString(), NpgsqlDbType.Varchar);
        Time(w, c.ClosedAt);
        Text(w, c.Outcome?.ToString());
        Text(w, c.WithdrawReason?.ToString());
        Text(w, c.ClosingNote);
        w.Write(c.ReopenCount, NpgsqlDbType.Integer);
        w.Write(c.FollowUpAttempts, NpgsqlDbType.Integer);
        Date(w, c.FollowUpDueOn);
        w.Write(c.LastTimelineSequence, NpgsqlDbType.Integer);
        Time(w, c.FirstRespondedAt);
        Time(w, c.ResolvedAt);
        Time(w, c.SlaAtRiskAt);
        Time(w, c.SlaDueAt);
        Time(w, c.WaitingSince);
    }

    private static void WriteTimelineEntry(NpgsqlBinaryImporter w, TimelineEntry t)
    {
        w.Write(t.Id, NpgsqlDbType.Uuid);
        w.Write(t.CaseId, NpgsqlDbType.Uuid);
        w.Write(t.Sequence, NpgsqlDbType.Integer);
        Time(w, t.At);
        w.Write(t.ActorId, NpgsqlDbType.Uuid);
        w.Write(t.ActorName, NpgsqlDbType.Varchar);
        w.Write(t.Kind, NpgsqlDbType.Varchar);
        w.Write(t.Summary, NpgsqlDbType.Varchar);
        Text(w, t.FromStage?.ToString());
        Text(w, t.ToStage?.ToString());
        Text(w, t.Details);
        Text(w, t.Note);
        Id(w, t.RequestId);
    }

    private static void WriteApology(NpgsqlBinaryImporter w, Apology a)
    {
        w.Write(a.Id, NpgsqlDbType.Uuid);
        w.Write(a.CaseId, NpgsqlDbType.Uuid);
        w.Write(a.Words, NpgsqlDbType.Varchar);
        w.Write(a.CoachingHints, NpgsqlDbType.Varchar);
        w.Write(a.ById, NpgsqlDbType.Uuid);
        w.Write(a.ByName, NpgsqlDbType.Varchar);
        Time(w, a.At);
    }

    private static void WriteListeningNote(NpgsqlBinaryImporter w, ListeningNote l)
    {
        w.Write(l.Id, NpgsqlDbType.Uuid);
        w.Write(l.CaseId, NpgsqlDbType.Uuid);
        w.Write(l.CustomerFeels, NpgsqlDbType.Varchar);
        Text(w, l.CustomerWouldLike);
        w.Write(l.ById, NpgsqlDbType.Uuid);
        w.Write(l.ByName, NpgsqlDbType.Varchar);
        Time(w, l.At);
    }

    private static void WriteFix(NpgsqlBinaryImporter w, FixRecord f)
    {
        w.Write(f.Id, NpgsqlDbType.Uuid);
        w.Write(f.CaseId, NpgsqlDbType.Uuid);
        w.Write(f.Number, NpgsqlDbType.Integer);
        w.Write(f.WhatWasDone, NpgsqlDbType.Varchar);
        w.Write(f.ResolvedAtFirstContact, NpgsqlDbType.Boolean);
        w.Write(f.ById, NpgsqlDbType.Uuid);
        w.Write(f.ByName, NpgsqlDbType.Varchar);
        Time(w, f.At);
    }

    private static void WriteAtonement(NpgsqlBinaryImporter w, Atonement a)
    {
        w.Write(a.Id, NpgsqlDbType.Uuid);
        w.Write(a.CaseId, NpgsqlDbType.Uuid);
        w.Write(a.Number, NpgsqlDbType.Integer);
        w.Write(a.Gesture.ToString(), NpgsqlDbType.Varchar);
        Money(w, a.Amount);
        Text(w, a.Currency);
        Text(w, a.Description);
        w.Write(a.Status.ToString(), NpgsqlDbType.Varchar);
        w.Write(a.ProposerLimit, NpgsqlDbType.Numeric);
        w.Write(a.ProposedById, NpgsqlDbType.Uuid);
        w.Write(a.ProposedByName, NpgsqlDbType.Varchar);
        Time(w, a.ProposedAt);
        Id(w, a.DecidedById);
        Text(w, a.DecidedByName);
        Time(w, a.DecidedAt);
        Text(w, a.DecisionReason);
        Time(w, a.FulfilledAt);
        Id(w, a.FulfilledById);
        Text(w, a.FulfilledByName);
        Text(w, a.GuidanceNote);
        Text(w, a.NeedsApprovalBecause);
        Money(w, a.ProposedAmount);
    }

    private static void WriteFollowUp(NpgsqlBinaryImporter w, FollowUp f)
    {
        w.Write(f.Id, NpgsqlDbType.Uuid);
        w.Write(f.CaseId, NpgsqlDbType.Uuid);
        w.Write(f.Number, NpgsqlDbType.Integer);
        w.Write(f.Attempt, NpgsqlDbType.Integer);
        Date(w, f.DueOn);
        w.Write(f.ScheduledById, NpgsqlDbType.Uuid);
        w.Write(f.ScheduledByName, NpgsqlDbType.Varchar);
        Time(w, f.ScheduledAt);
        Text(w, f.Outcome?.ToString());
        Text(w, f.Note);
        Id(w, f.ById);
        Text(w, f.ByName);
        Time(w, f.At);
    }

    private static void WriteLedgerEntry(NpgsqlBinaryImporter w, CompensationEntry l)
    {
        w.Write(l.Id, NpgsqlDbType.Uuid);
        w.Write(l.CaseId, NpgsqlDbType.Uuid);
        w.Write(l.CustomerId, NpgsqlDbType.Uuid);
        w.Write(l.AtonementId, NpgsqlDbType.Uuid);
        w.Write(l.Kind.ToString(), NpgsqlDbType.Varchar);
        w.Write(l.Gesture.ToString(), NpgsqlDbType.Varchar);
        w.Write(l.Amount, NpgsqlDbType.Numeric);
        w.Write(l.Currency, NpgsqlDbType.Varchar);
        w.Write(l.StaffId, NpgsqlDbType.Uuid);
        w.Write(l.StaffName, NpgsqlDbType.Varchar);
        w.Write(l.ActorId, NpgsqlDbType.Uuid);
        w.Write(l.ActorName, NpgsqlDbType.Varchar);
        Time(w, l.At);
    }

    private static void WriteWaitingPeriod(NpgsqlBinaryImporter w, WaitingPeriod p)
    {
        w.Write(p.Id, NpgsqlDbType.Uuid);
        w.Write(p.CaseId, NpgsqlDbType.Uuid);
        w.Write(p.Reason, NpgsqlDbType.Varchar);
        Time(w, p.StartedAt);
        w.Write(p.StartedByName, NpgsqlDbType.Varchar);
        Time(w, p.EndedAt);
    }

    private static void Id(NpgsqlBinaryImporter w, Guid? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Uuid);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void Money(NpgsqlBinaryImporter w, decimal? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void Date(NpgsqlBinaryImporter w, DateOnly? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Date);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Varchar);
        }
    }

    /// <summary>timestamptz takes UTC (the SLA deadlines come in the calendar's time zone).</summary>
    private static void Time(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.Write(v.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        else
        {
            w.WriteNull();
        }
    }

    /// <summary>
    /// TRUNCATE of tables known to be empty (only so that COPY may FREEZE). The append-only tables refuse TRUNCATE
    /// with a statement trigger (migration AppendOnlyRefusesTruncate); as their owner, the seeder switches those
    /// triggers off around this one statement, inside the transaction, so they are never off for anybody else.
    /// </summary>
    private static async Task TruncateEmptyAsync(NpgsqlConnection conn, List<string> tables)
    {
        var guards = new List<(string Table, string Trigger)>();
        await using (var cmd = new NpgsqlCommand(
            """
            SELECT t.tgrelid::regclass::text, quote_ident(t.tgname)
            FROM pg_trigger t
            WHERE t.tgrelid = ANY(CAST(@t AS regclass[])) AND NOT t.tgisinternal AND t.tgenabled <> 'D' AND (t.tgtype & 32) <> 0
            """, conn))
        {
            cmd.Parameters.AddWithValue("t", tables.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                guards.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, trigger) in guards)
        {
            await ExecAsync(conn, $"ALTER TABLE {table} DISABLE TRIGGER {trigger}");
        }

        await ExecAsync(conn, $"TRUNCATE {string.Join(", ", tables)}");
        foreach (var (table, trigger) in guards)
        {
            await ExecAsync(conn, $"ALTER TABLE {table} ENABLE TRIGGER {trigger}");
        }
    }

    /// <summary>The loaded tables and every table with a foreign key to one of them (all must be empty to truncate).</summary>
    private static async Task<List<string>> RelatedTablesAsync(NpgsqlConnection conn)
    {
        var tables = new List<string>(LoadedTables);
        await using var cmd = new NpgsqlCommand(
            "SELECT DISTINCT conrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND confrelid = ANY(CAST(@t AS regclass[]))", conn);
        cmd.Parameters.AddWithValue("t", LoadedTables);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            if (!tables.Contains(name))
            {
                tables.Add(name);
            }
        }

        return tables;
    }

    private static async Task<Dictionary<string, Guid>> RolesAsync(NpgsqlConnection conn)
    {
        var roles = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT name, id FROM roles WHERE name IS NOT NULL", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            roles[reader.GetString(0)] = reader.GetGuid(1);
        }

        return roles;
    }

    /// <summary>The same four users as the app's Development seeding (DemoData), when missing.</summary>
    private static async Task EnsureDemoUsersAsync(NpgsqlConnection conn, Dictionary<string, Guid> roles, DateTimeOffset now)
    {
        // Identity's own hasher with the app's settings (PBKDF2-HMAC-SHA512, 210,000 iterations).
        var hash = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 })).HashPassword(new object(), DemoPassword);
        var created = 0;
        foreach (var (email, name, role) in DemoUsers)
        {
            created += await InsertUserAsync(conn, email, name, roles[role], hash, now) ? 1 : 0;
        }

        if (created > 0)
        {
            Console.WriteLine($"    created {created} demo user(s) (password {DemoPassword})");
        }
    }

    /// <summary>Extra staff (staff01@bench.test ...): mostly frontline, every 8th a supervisor, the 20th a manager. No password.</summary>
    private async Task EnsureStaffAsync(NpgsqlConnection conn, Dictionary<string, Guid> roles, DateTimeOffset now)
    {
        var created = 0;
        for (var i = 1; i <= options.Staff; i++)
        {
            var role = i % 20 == 0 ? "Manager" : i % 8 == 0 ? "Supervisor" : "Frontline";
            var name = Words.FirstNames[(i * 7) % Words.FirstNames.Length] + " " + Words.LastNames[(i * 11) % Words.LastNames.Length];
            var email = string.Create(CultureInfo.InvariantCulture, $"staff{i:D2}@bench.test");
            created += await InsertUserAsync(conn, email, name, roles[role], null, now.AddYears(-2)) ? 1 : 0;
        }

        if (created > 0)
        {
            Console.WriteLine($"    created {created} staff user(s) (@bench.test, no password)");
        }
    }

    /// <summary>An Identity user row (normalized names, stamps, lockout enabled as for new users) and its role; false when the email exists.</summary>
    private static async Task<bool> InsertUserAsync(NpgsqlConnection conn, string email, string name, Guid roleId, string? passwordHash, DateTimeOffset createdAt)
    {
        await using var cmd = new NpgsqlCommand(
            """
            WITH u AS (
                INSERT INTO users (id, display_name, atonement_limit, is_disabled, created_at, user_name, normalized_user_name, email, normalized_email,
                    email_confirmed, password_hash, security_stamp, concurrency_stamp, phone_number, phone_number_confirmed, two_factor_enabled,
                    lockout_end, lockout_enabled, access_failed_count)
                SELECT @id, @name, NULL, false, @created, @email, upper(@email), @email, upper(@email),
                    true, @hash, @stamp, @concurrency, NULL, false, false, NULL, true, 0
                WHERE NOT EXISTS (SELECT 1 FROM users WHERE normalized_email = upper(@email))
                RETURNING id)
            INSERT INTO user_roles (user_id, role_id) SELECT id, @role FROM u
            """, conn);
        cmd.Parameters.AddWithValue("id", Guid.CreateVersion7(createdAt));
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("created", createdAt);
        cmd.Parameters.AddWithValue("email", email);
        cmd.Parameters.AddWithValue("hash", NpgsqlDbType.Text, (object?)passwordHash ?? DBNull.Value);
        cmd.Parameters.AddWithValue("stamp", Guid.NewGuid().ToString("N").ToUpperInvariant());
        cmd.Parameters.AddWithValue("concurrency", Guid.NewGuid().ToString());
        cmd.Parameters.AddWithValue("role", roleId);
        return await cmd.ExecuteNonQueryAsync() > 0;
    }

    /// <summary>Enabled users with a staff role (not Admin only): who may own, open and act on cases, with all their roles and their limit.</summary>
    private static async Task<List<StaffMember>> StaffAsync(NpgsqlConnection conn, AtonementLimitOptions limits)
    {
        var staff = new List<StaffMember>();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT u.id, u.display_name, u.atonement_limit, array_agg(r.name ORDER BY r.name)
            FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE NOT u.is_disabled
            GROUP BY u.id, u.display_name, u.atonement_limit
            HAVING bool_or(r.name IN ('Frontline', 'Supervisor', 'Manager'))
            ORDER BY u.id
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var roleNames = reader.GetFieldValue<string[]>(3);
            var roles = roleNames.Aggregate(StaffRole.None, (all, name) => all | (Enum.TryParse<StaffRole>(name, out var r) ? r : StaffRole.None));
            var limit = limits.EffectiveLimit(reader.IsDBNull(2) ? null : reader.GetDecimal(2), roleNames);
            staff.Add(new StaffMember(reader.GetGuid(0), reader.GetString(1), roles, limit));
        }

        return staff;
    }

    /// <summary>Active categories; the app's starting list is added first when the table is empty (as the app does at start).</summary>
    private static async Task<List<string>> CategoriesAsync(NpgsqlConnection conn)
    {
        if (await ScalarAsync<long>(conn, "SELECT count(*) FROM case_categories") == 0)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO case_categories (name, sort_order, is_active) SELECT name, (ordinality * 10)::int, true FROM unnest(@names) WITH ORDINALITY AS n(name, ordinality)", conn);
            insert.Parameters.AddWithValue("names", Words.DefaultCategories);
            await insert.ExecuteNonQueryAsync();
        }

        var categories = new List<string>();
        await using var cmd = new NpgsqlCommand("SELECT name FROM case_categories WHERE is_active ORDER BY sort_order, name", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            categories.Add(reader.GetString(0));
        }

        return categories;
    }

    /// <summary>The SLA policy as the app builds it (<see cref="SlaPolicies.Build"/>): stored targets when complete, else the defaults; the stored calendar.</summary>
    private static async Task<SlaPolicy> SlaPolicyAsync(NpgsqlConnection conn)
    {
        var targets = new List<SlaTargetRow>();
        await using (var cmd = new NpgsqlCommand("SELECT severity, first_response_minutes, resolution_minutes FROM sla_targets", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (Enum.TryParse<Severity>(reader.GetString(0), out var severity))
                {
                    targets.Add(new SlaTargetRow { Severity = severity, FirstResponseMinutes = reader.GetInt32(1), ResolutionMinutes = reader.GetInt32(2) });
                }
            }
        }

        var settings = new SlaSettingsRow();
        await using (var cmd = new NpgsqlCommand("SELECT id, time_zone_id, business_hours, at_risk_percent FROM sla_settings ORDER BY id LIMIT 1", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                settings = new SlaSettingsRow { Id = reader.GetInt32(0), TimeZoneId = reader.GetString(1), BusinessHours = reader.GetString(2), AtRiskPercent = reader.GetInt32(3) };
            }
        }

        return SlaPolicies.Build(targets.Count == 4 ? targets : SlaPolicies.DefaultTargets, settings);
    }

    /// <summary>One past the highest reference number used (by existing cases or the sequence).</summary>
    private static Task<long> FirstNumberAsync(NpgsqlConnection conn) => ScalarAsync<long>(conn,
        """
        SELECT 1 + GREATEST(
            COALESCE((SELECT max(substring(reference from '([0-9]+)$')::bigint) FROM recovery_cases), 0),
            (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM case_number_seq))
        """);

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
