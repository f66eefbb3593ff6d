using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using ServiceRecovery.Domain.Cases;
using ServiceRecovery.Domain.Common;
using ServiceRecovery.Domain.Sla;
using ServiceRecovery.Web.Data;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Infrastructure.Cases;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Seeder;

/// <summary>
/// Loads the cases the domain made (see <see cref="Generator"/>) through binary COPY in one transaction: lock, check, (truncate the empty tables so
/// that COPY can FREEZE), drop the indexes and constraints, copy, rebuild them exactly as captured, set the
/// reference sequence, commit, then ANALYZE.
/// </summary>
public sealed class DatabaseSeeder(SeedOptions options)
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
            await StaffAsync(conn, settings.Limits), await CategoriesAsync(conn), await RootCausesAsync(conn, now), await SlaPolicyAsync(conn), settings.Abuse.Policy,
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
        var making = new MadeInChunks(generator, options.Cases);

        var with = freeze ? "(FORMAT BINARY, FREEZE)" : "(FORMAT BINARY)";
        var rows = new Dictionary<string, long>();
        try
        {
            making.StartAhead(0);
            var customerRows = new CopyRows(customers.Length * 96);
            foreach (var customer in customers)
            {
                CaseTables.Customers.AddRows(customerRows, customer);
            }

            rows[CaseTables.Customers.Name] = await CopyAsync(conn, CaseTables.Customers.Name, CaseTables.Customers.Columns, with, [customerRows]);

            // The cases as their chunks are made, in order (references follow the order the cases were logged in);
            // the other tables afterwards, from the rows the chunks already hold.
            var chunks = new CopyRows[making.Count][];
            var first = CaseTables.All[0];
            rows[first.Name] = await CopyAsync(conn, first.Name, first.Columns, with, Made());
            for (var t = 1; t < CaseTables.All.Length; t++)
            {
                var table = CaseTables.All[t];
                rows[table.Name] = await CopyAsync(conn, table.Name, table.Columns, with, chunks.Select(c => c[t]).ToAsyncEnumerable());
                foreach (var chunk in chunks)
                {
                    chunk[t] = null!; // copied: let it go
                }
            }

            async IAsyncEnumerable<CopyRows> Made()
            {
                for (var k = 0; k < making.Count; k++)
                {
                    chunks[k] = await making.TakeAsync(k);
                    yield return chunks[k][0];
                }
            }
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
        var lastNumber = world.FirstNumber + options.Cases - 1;
        await ExecAsync(conn, string.Create(CultureInfo.InvariantCulture, $"SELECT setval('case_number_seq', {lastNumber})"));
        await tx.CommitAsync();

        var analyzeClock = Stopwatch.StartNew();
        await ExecAsync(conn, (freeze ? "ANALYZE " : "VACUUM (ANALYZE) ") + string.Join(", ", LoadedTables));
        var analyzeTime = analyzeClock.Elapsed;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"==> Seeded {options.Cases:N0} cases, {customers.Length:N0} customers, {rows["case_timeline"]:N0} timeline entries in {total.Elapsed.TotalSeconds:0.0} s"));
        Console.WriteLine("    " + string.Join(", ", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:N0}"))));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    domain {making.BusyTime.TotalSeconds:0.0} s of thread time on {making.Threads} threads (overlapping the copy), copy {copyTime.TotalSeconds:0.0} s{(freeze ? " (FREEZE)" : "")}, indexes+constraints {indexTime.TotalSeconds:0.0} s, {(freeze ? "analyze" : "vacuum analyze")} {analyzeTime.TotalSeconds:0.0} s; references up to {CaseReference.Format(generator.LastOpenedAt.Year, lastNumber)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0} s; GC paused {GC.GetTotalPauseDuration().TotalSeconds:0.0} s ({GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections of gen 0/1/2), peak heap {GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes / 1e9:0.0} GB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed-summary cases={options.Cases} customers={customers.Length} timeline={rows["case_timeline"]} seconds={total.Elapsed.TotalSeconds:0.0} copy={copyTime.TotalSeconds:0.0} indexes={indexTime.TotalSeconds:0.0} analyze={analyzeTime.TotalSeconds:0.0} freeze={freeze}"));
        return 0;
    }

    /// <summary>COPY of rows already in binary COPY format into <paramref name="table"/>.</summary>
    private static async Task<long> CopyAsync(NpgsqlConnection conn, string table, string columns, string with, IAsyncEnumerable<CopyRows> parts)
    {
        var progress = new Progress(table, 0);
        long n = 0;
        await using (var copy = await conn.BeginRawBinaryCopyAsync($"COPY {table} ({columns}) FROM STDIN {with}"))
        {
            await copy.WriteAsync(CopyRows.Header);
            await foreach (var part in parts)
            {
                await copy.WriteAsync(part.Written);
                n += part.Count;
            }

            await copy.WriteAsync(CopyRows.Trailer);
        }

        progress.Done(n);
        return n;
    }

    private static Task<long> CopyAsync(NpgsqlConnection conn, string table, string columns, string with, CopyRows[] parts) =>
        CopyAsync(conn, table, columns, with, parts.ToAsyncEnumerable());

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

    /// <summary>Active root-cause leaves; the app's starting taxonomy (<see cref="RootCauseTaxonomy"/>) is added first when empty.</summary>
    private static async Task<List<RootCauseLeaf>> RootCausesAsync(NpgsqlConnection conn, DateTimeOffset now)
    {
        if (await ScalarAsync<long>(conn, "SELECT count(*) FROM root_cause_groups") == 0)
        {
            var order = 0;
            foreach (var (groupName, leaves) in RootCauseTaxonomy.Defaults)
            {
                var groupId = Guid.CreateVersion7(now);
                await using var group = new NpgsqlCommand("INSERT INTO root_cause_groups (id, name, sort_order, is_active) VALUES (@id, @name, @order, true)", conn);
                group.Parameters.AddWithValue("id", groupId);
                group.Parameters.AddWithValue("name", groupName);
                group.Parameters.AddWithValue("order", order += 10);
                await group.ExecuteNonQueryAsync();
                for (var i = 0; i < leaves.Length; i++)
                {
                    await using var leaf = new NpgsqlCommand("INSERT INTO root_causes (id, group_id, name, sort_order, is_active) VALUES (@id, @group, @name, @order, true)", conn);
                    leaf.Parameters.AddWithValue("id", Guid.CreateVersion7(now));
                    leaf.Parameters.AddWithValue("group", groupId);
                    leaf.Parameters.AddWithValue("name", leaves[i]);
                    leaf.Parameters.AddWithValue("order", (i + 1) * 10);
                    await leaf.ExecuteNonQueryAsync();
                }
            }
        }

        var causes = new List<RootCauseLeaf>();
        await using var cmd = new NpgsqlCommand(
            "SELECT c.id, g.name, c.name FROM root_causes c JOIN root_cause_groups g ON g.id = c.group_id WHERE c.is_active AND g.is_active ORDER BY g.sort_order, c.sort_order", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            causes.Add(new RootCauseLeaf(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), IsActive: true));
        }

        return causes;
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
