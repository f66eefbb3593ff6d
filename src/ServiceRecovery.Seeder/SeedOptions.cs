using System.Globalization;

namespace ServiceRecovery.Seeder;

/// <summary>The seeder's command line.</summary>
public sealed record SeedOptions
{
    public const string Usage = """
        ServiceRecovery large-data seeder: realistic cases played through the domain (RecoveryCase's own methods, the
        app's SLA policy and limits), loaded with PostgreSQL binary COPY: customers, cases, timelines and every step table.

        dotnet run -c Release --project src/ServiceRecovery.Seeder -- [options]

          --cases N            cases to add (default 1000000); customers ~ N / 2.5, timeline ~ 5.8 entries per case
          --connection CS      Npgsql connection string (default: env ConnectionStrings__Default)
          --append             add to a database that already has more than 1000 cases
          --staff N            extra staff users to make sure exist (default 20; no password, they cannot sign in)
          --demo-users         also create the four demo users (Demo-pass-2026!) when missing, as Development does;
                               for benchmark databases migrated in Production with --migrate-only
          --seed N             random seed (default 20261125): the same seed plans the same cases (stages, times, words),
                               relative to the time of the run; ids are the domain's own version-7 UUIDs, new every run
          --keep-indexes       never drop and rebuild indexes and constraints around the load
          -h, --help           this text

        The database must be migrated (the app's --migrate-only). Everything runs in one transaction:
        a failure leaves the database as it was.
        """;

    public int Cases { get; init; } = 1_000_000;

    public string? Connection { get; init; }

    public bool Append { get; init; }

    public int Staff { get; init; } = 20;

    public bool DemoUsers { get; init; }

    public int Seed { get; init; } = 20261125;

    public bool KeepIndexes { get; init; }

    public bool Help { get; init; }

    public static SeedOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SeedOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number(string name)
            {
                var text = Value().Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    ? n : throw new ArgumentException($"{name} needs a whole number, not \"{text}\".");
            }

            options = args[i] switch
            {
                "--cases" => options with { Cases = Number("--cases") },
                "--connection" => options with { Connection = Value() },
                "--append" => options with { Append = true },
                "--staff" => options with { Staff = Number("--staff") },
                "--demo-users" => options with { DemoUsers = true },
                "--seed" => options with { Seed = Number("--seed") },
                "--keep-indexes" => options with { KeepIndexes = true },
                "-h" or "--help" => options with { Help = true },
                _ => throw new ArgumentException($"Unknown option {args[i]} (see --help)."),
            };
        }

        if (options.Cases < 1)
        {
            throw new ArgumentException("--cases must be at least 1.");
        }

        return options with { Connection = options.Connection ?? Environment.GetEnvironmentVariable("ConnectionStrings__Default") };
    }
}
