using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ServiceRecovery.Domain.Cases;

namespace ServiceRecovery.Seeder;

/// <summary>
/// Loads the generated data through binary COPY in one transaction: lock, check, (truncate the empty tables so
/// that COPY can FREEZE), drop the indexes and constraints, copy, rebuild them exactly as captured, set the
/// reference sequence, commit, then ANALYZE.
/// </summary>
internal sealed class DatabaseSeeder(SeedOptions options)
{
    /// <summary>At most this many cases may already exist without --append (demo data, a few test cases).</summary>
    public const int MaxExistingCasesWithoutAppend = 1000;

    /// <summary>Below this many new cases, indexes stay in place (rebuilding them would cost more than it saves).</summary>
    private const int BulkThreshold = 50_000;

    /// <summary>Cases handed from the generating thread to the COPY at a time.</summary>
    private const int ChunkSize = 4096;

    private static readonly string[] LoadedTables = ["customers", "recovery_cases", "case_timeline", "case_waiting_periods"];

    private static readonly (string Email, string Name, string Role)[] DemoUsers =
    [
        ("frontline@demo.test", "Fran Frontline", "Frontline"),
        ("supervisor@demo.test", "Sam Supervisor", "Supervisor"),
        ("manager@demo.test", "Maya Manager", "Manager"),
        ("admin@demo.test", "Ada Admin", "Admin"),
    ];

    private const string DemoPassword = "Demo-pass-2026!";

    private static readonly Dictionary<Severity, SlaTarget> DefaultTargets = new()
    {
        [Severity.Critical] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(24)),
        [Severity.Major] = new(TimeSpan.FromHours(4), TimeSpan.FromHours(72)),
        [Severity.Moderate] = new(TimeSpan.FromHours(8), TimeSpan.FromHours(120)),
        [Severity.Minor] = new(TimeSpan.FromHours(24), TimeSpan.FromHours(168)),
    };

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
        var world = new World(await StaffAsync(conn), await CategoriesAsync(conn), await TargetsAsync(conn), await AtRiskFractionAsync(conn), now, await FirstNumberAsync(conn));
        if (!world.Staff.Any(s => s.IsFrontline))
        {
            Console.Error.WriteLine("No frontline staff in the users table to own cases: pass --staff N or --demo-users.");
            return 3;
        }

        Console.WriteLine($"    {world.Staff.Count} staff, {world.Categories.Count} categories, first reference number {world.FirstNumber:N0}, {existing:N0} cases already there");

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

        // The customers and the skeleton of every case first (cheap); the cases themselves are made on a second thread
        // while COPY streams the ones already made, so generating and loading overlap.
        var generator = new Generator(world, options.Seed);
        var copyClock = Stopwatch.StartNew();
        var customers = generator.Prepare(options.Cases);
        var cases = new CasePlan[options.Cases];
        using var chunks = new BlockingCollection<(int Start, int End)>(boundedCapacity: 1024);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                for (var start = 0; start < cases.Length; start += ChunkSize)
                {
                    var end = Math.Min(start + ChunkSize, cases.Length);
                    for (var i = start; i < end; i++)
                    {
                        cases[i] = generator.Case(i);
                    }

                    chunks.Add((start, end), stop.Token);
                }
            }
            finally
            {
                chunks.CompleteAdding();
            }

            return clock.Elapsed;
        });

        var with = freeze ? "(FORMAT BINARY, FREEZE)" : "(FORMAT BINARY)";
        try
        {
            await CopyCustomersAsync(conn, customers, with);
            await CopyCasesAsync(conn, cases, chunks, with);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }

        var generateTime = await producer;
        var timelineRows = await CopyTimelineAsync(conn, cases, with);
        var waiting = await CopyWaitingPeriodsAsync(conn, cases, with);
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
            $"==> Seeded {cases.Length:N0} cases, {customers.Length:N0} customers, {timelineRows:N0} timeline entries, {waiting:N0} waiting periods in {total.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    generate {generateTime.TotalSeconds:0.0} s (overlapping the copy), copy {copyTime.TotalSeconds:0.0} s{(freeze ? " (FREEZE)" : "")}, indexes+constraints {indexTime.TotalSeconds:0.0} s, {(freeze ? "analyze" : "vacuum analyze")} {analyzeTime.TotalSeconds:0.0} s; references up to {CaseReference.Format(cases[^1].OpenedAt.Year, lastNumber)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed-summary cases={cases.Length} customers={customers.Length} timeline={timelineRows} seconds={total.Elapsed.TotalSeconds:0.0} copy={copyTime.TotalSeconds:0.0} indexes={indexTime.TotalSeconds:0.0} analyze={analyzeTime.TotalSeconds:0.0} freeze={freeze}"));
        return 0;
    }

    private static async Task CopyCustomersAsync(NpgsqlConnection conn, CustomerPlan[] customers, string with)
    {
        var progress = new Progress("customers", customers.Length);
        await using var w = await conn.BeginBinaryImportAsync($"COPY customers (id, name, email, phone, tier, created_at) FROM STDIN {with}");
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            w.StartRow();
            w.Write(c.Id, NpgsqlDbType.Uuid);
            w.Write(c.Name, NpgsqlDbType.Varchar);
            Text(w, c.Email);
            Text(w, c.Phone);
            w.Write(c.Tier.ToString(), NpgsqlDbType.Varchar);
            w.Write(c.CreatedAt, NpgsqlDbType.TimestampTz);
            if ((i & 0x3FFF) == 0)
            {
                progress.Report(i);
            }
        }

        await w.CompleteAsync();
        progress.Done(customers.Length);
    }

    private static async Task CopyCasesAsync(NpgsqlConnection conn, CasePlan[] cases, BlockingCollection<(int Start, int End)> made, string with)
    {
        var progress = new Progress("recovery_cases", cases.Length);
        await using var w = await conn.BeginBinaryImportAsync(
            $"""
            COPY recovery_cases (id, reference, customer_id, channel, category, severity, customer_expected, what_happened, customer_wants,
                transaction_value, currency, owner_id, owner_name, opened_at, opened_by_id, opened_by_name, stage, closed_at, outcome,
                withdraw_reason, closing_note, reopen_count, follow_up_attempts, follow_up_due_on, last_timeline_sequence,
                first_responded_at, resolved_at, sla_at_risk_at, sla_due_at, waiting_since) FROM STDIN {with}
            """);
        foreach (var (start, end) in made.GetConsumingEnumerable())
        {
            for (var i = start; i < end; i++)
            {
                WriteCase(w, cases[i]);
            }

            progress.Report(end);
        }

        await w.CompleteAsync();
        progress.Done(cases.Length);
    }

    private static void WriteCase(NpgsqlBinaryImporter w, CasePlan c)
    {
        w.StartRow();
        w.Write(c.Id, NpgsqlDbType.Uuid);
        w.Write(c.Reference, NpgsqlDbType.Varchar);
        w.Write(c.Customer.Id, NpgsqlDbType.Uuid);
        w.Write(c.Channel.ToString(), NpgsqlDbType.Varchar);
        w.Write(c.Category, NpgsqlDbType.Varchar);
        w.Write(c.Severity.ToString(), NpgsqlDbType.Varchar);
        Text(w, c.Expected);
        w.Write(c.WhatHappened, NpgsqlDbType.Varchar);
        Text(w, c.Wants);
        if (c.Value is { } value)
        {
            w.Write(value, NpgsqlDbType.Numeric);
            w.Write("EUR", NpgsqlDbType.Varchar);
        }
        else
        {
            w.WriteNull();
            w.WriteNull();
        }

        if (c.Owner is { } owner)
        {
            w.Write(owner.Id, NpgsqlDbType.Uuid);
            w.Write(owner.Name, NpgsqlDbType.Varchar);
        }
        else
        {
            w.WriteNull();
            w.WriteNull();
        }

        w.Write(c.OpenedAt, NpgsqlDbType.TimestampTz);
        w.Write(c.OpenedBy.Id, NpgsqlDbType.Uuid);
        w.Write(c.OpenedBy.Name, NpgsqlDbType.Varchar);
        w.Write(c.Stage.ToString(), NpgsqlDbType.Varchar);
        Time(w, c.ClosedAt);
        Text(w, c.Outcome?.ToString());
        Text(w, c.WithdrawReason?.ToString());
        Text(w, c.ClosingNote);
        w.Write(c.ReopenCount, NpgsqlDbType.Integer);
        w.Write(c.FollowUpAttempts, NpgsqlDbType.Integer);
        if (c.FollowUpDueOn is { } due)
        {
            w.Write(due, NpgsqlDbType.Date);
        }
        else
        {
            w.WriteNull();
        }

        w.Write(c.Steps.Length, NpgsqlDbType.Integer);
        Time(w, c.FirstRespondedAt);
        Time(w, c.ResolvedAt);
        Time(w, c.SlaAtRiskAt);
        Time(w, c.SlaDueAt);
        Time(w, c.WaitingSince);
    }

    private static async Task<long> CopyTimelineAsync(NpgsqlConnection conn, CasePlan[] cases, string with)
    {
        var expected = cases.Sum(c => (long)c.Steps.Length);
        var progress = new Progress("case_timeline", expected);
        await using var w = await conn.BeginBinaryImportAsync(
            $"COPY case_timeline (id, case_id, sequence, at, actor_id, actor_name, kind, summary, from_stage, to_stage, details, note) FROM STDIN {with}");
        long rows = 0;
        foreach (var c in cases)
        {
            for (var s = 0; s < c.Steps.Length; s++)
            {
                ref readonly var step = ref c.Steps[s];
                w.StartRow();
                w.Write(step.Id, NpgsqlDbType.Uuid);
                w.Write(c.Id, NpgsqlDbType.Uuid);
                w.Write(s + 1, NpgsqlDbType.Integer);
                w.Write(step.At, NpgsqlDbType.TimestampTz);
                w.Write(step.Actor.Id, NpgsqlDbType.Uuid);
                w.Write(step.Actor.Name, NpgsqlDbType.Varchar);
                w.Write(step.Kind, NpgsqlDbType.Varchar);
                w.Write(step.Summary, NpgsqlDbType.Varchar);
                Text(w, step.From?.ToString());
                Text(w, step.To?.ToString());
                Text(w, step.Details);
                Text(w, step.Note);
                if ((++rows & 0xFFFF) == 0)
                {
                    progress.Report(rows);
                }
            }
        }

        await w.CompleteAsync();
        progress.Done(rows);
        return rows;
    }

    private static async Task<long> CopyWaitingPeriodsAsync(NpgsqlConnection conn, CasePlan[] cases, string with)
    {
        long rows = 0;
        await using var w = await conn.BeginBinaryImportAsync($"COPY case_waiting_periods (id, case_id, reason, started_at, started_by_name, ended_at) FROM STDIN {with}");
        foreach (var c in cases)
        {
            if (c.WaitingSince is { } since)
            {
                w.StartRow();
                w.Write(c.WaitingId, NpgsqlDbType.Uuid);
                w.Write(c.Id, NpgsqlDbType.Uuid);
                w.Write(c.WaitingReason!, NpgsqlDbType.Varchar);
                w.Write(since, NpgsqlDbType.TimestampTz);
                w.Write(c.Steps[^1].Actor.Name, NpgsqlDbType.Varchar);
                w.WriteNull();
                rows++;
            }
        }

        await w.CompleteAsync();
        return rows;
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

    private static void Time(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.TimestampTz);
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

    /// <summary>Enabled users with a staff role (not Admin): who may own, open and act on cases.</summary>
    private static async Task<List<StaffMember>> StaffAsync(NpgsqlConnection conn)
    {
        var staff = new List<StaffMember>();
        await using var cmd = new NpgsqlCommand(
            """
            SELECT u.id, u.display_name, bool_or(r.name = 'Frontline'), bool_or(r.name IN ('Supervisor', 'Manager'))
            FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE NOT u.is_disabled AND r.name IN ('Frontline', 'Supervisor', 'Manager')
            GROUP BY u.id, u.display_name
            ORDER BY u.id
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            staff.Add(new StaffMember(reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3)));
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

    /// <summary>The stored SLA targets when the policy is complete, else the defaults (Critical 1h/24h ... Minor 24h/168h).</summary>
    private static async Task<Dictionary<Severity, SlaTarget>> TargetsAsync(NpgsqlConnection conn)
    {
        var targets = new Dictionary<Severity, SlaTarget>();
        await using var cmd = new NpgsqlCommand("SELECT severity, first_response_minutes, resolution_minutes FROM sla_targets", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (Enum.TryParse<Severity>(reader.GetString(0), out var severity))
            {
                targets[severity] = new SlaTarget(TimeSpan.FromMinutes(reader.GetInt32(1)), TimeSpan.FromMinutes(reader.GetInt32(2)));
            }
        }

        return targets.Count == 4 ? targets : DefaultTargets;
    }

    private static async Task<double> AtRiskFractionAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("SELECT business_hours, at_risk_percent FROM sla_settings ORDER BY id LIMIT 1", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return 0.8;
        }

        if (!string.Equals(reader.GetString(0).Trim(), "24x7", StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"    note: business hours are \"{reader.GetString(0)}\"; the seeded SLA deadlines assume 24x7");
        }

        return reader.GetInt32(1) / 100.0;
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
