using Npgsql;

namespace ServiceRecovery.Seeder;

/// <summary>
/// The command line (see <see cref="SeedOptions.Usage"/>). A named class rather than top-level statements: the web tests
/// reference the seeder and the app, and two global <c>Program</c> types would clash there.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
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
    }
}
