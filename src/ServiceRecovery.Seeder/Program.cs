using Npgsql;
using ServiceRecovery.Seeder;

SeedOptions options;
try
{
    options = SeedOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SeedOptions.Usage);
    return 64;
}

if (options.Help)
{
    Console.WriteLine(SeedOptions.Usage);
    return 0;
}

if (string.IsNullOrWhiteSpace(options.Connection))
{
    Console.Error.WriteLine("No database: pass --connection \"Host=...;Database=...;Username=...;Password=...\" or set ConnectionStrings__Default.");
    return 64;
}

try
{
    return await new DatabaseSeeder(options).RunAsync();
}
catch (NpgsqlException ex)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"Seeding failed, nothing was changed (one transaction): {ex.Message}");
    return 1;
}
