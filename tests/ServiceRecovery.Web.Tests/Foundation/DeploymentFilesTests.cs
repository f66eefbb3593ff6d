using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// Docker cannot run on the project's machines, so docker-compose.yml is kept honest by reading it: every
/// setting it gives the app must be a real configuration key, and its ports and probes must match the app.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Every_compose_setting_of_the_app_is_a_key_of_appsettings()
    {
        var keys = FlattenAppSettings();
        var environment = ComposeAppEnvironment();

        Assert.Contains("ConnectionStrings__Default", environment.Keys);
        foreach (var key in environment.Keys.Where(k => !k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)))
        {
            Assert.True(keys.Contains(key.Replace("__", ":", StringComparison.Ordinal)),
                $"docker-compose.yml sets {key}, but appsettings.json has no {key.Replace("__", ":", StringComparison.Ordinal)}.");
        }
    }

    [Fact]
    public void The_compose_database_has_an_owner_for_migrations_and_a_runtime_role_for_the_app()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var environment = ComposeAppEnvironment();
        var app = new Npgsql.NpgsqlConnectionStringBuilder(environment["ConnectionStrings__Default"]);
        var owner = new Npgsql.NpgsqlConnectionStringBuilder(environment["ConnectionStrings__Migrations"]);
        var init = File.ReadAllText(Path.Combine(Root, "src", "ServiceRecovery.Web", "Data", "Sql", "docker-init-roles.sh"));

        Assert.Equal(("db", "db"), (app.Host, owner.Host));
        Assert.Equal(("servicerecovery_app", "servicerecovery_owner"), (app.Username, owner.Username));
        // The init script creates exactly these roles and the database, owned by the owner.
        Assert.Contains($"CREATE ROLE {app.Username} LOGIN NOSUPERUSER", init, StringComparison.Ordinal);
        Assert.Contains($"CREATE ROLE {owner.Username} LOGIN NOSUPERUSER", init, StringComparison.Ordinal);
        Assert.Contains($"CREATE DATABASE {app.Database} OWNER {owner.Username}", init, StringComparison.Ordinal);
        Assert.Contains("./src/ServiceRecovery.Web/Data/Sql/docker-init-roles.sh:/docker-entrypoint-initdb.d/", compose, StringComparison.Ordinal);
        // Each password is one variable, the same for the database and the app.
        Assert.Equal("${SR_DB_APP_PASSWORD:-local-app-change-me}", app.Password);
        Assert.Equal("${SR_DB_OWNER_PASSWORD:-local-owner-change-me}", owner.Password);
        Assert.Contains($"SR_DB_APP_PASSWORD: {app.Password}", compose, StringComparison.Ordinal);
        Assert.Contains($"SR_DB_OWNER_PASSWORD: {owner.Password}", compose, StringComparison.Ordinal);
        Assert.DoesNotContain("Username=postgres", compose, StringComparison.Ordinal);
        Assert.Contains("/health/ready", compose, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:5080:8080", compose, StringComparison.Ordinal);
        Assert.Contains("dockerfile: src/ServiceRecovery.Web/Dockerfile", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dockerfile_serves_on_the_port_compose_maps_and_probes_readiness()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "src", "ServiceRecovery.Web", "Dockerfile"));

        Assert.Contains("ASPNETCORE_URLS=http://+:8080", dockerfile, StringComparison.Ordinal);
        Assert.Contains("--probe\", \"http://localhost:8080/health/ready\"", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"ServiceRecovery.Web.dll\"]", dockerfile, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ComposeAppEnvironment()
    {
        // A deliberately small reader for this one file: the "environment:" map under "app:".
        var lines = File.ReadAllLines(Path.Combine(Root, "docker-compose.yml"));
        var result = new Dictionary<string, string>();
        var inApp = false;
        var inEnvironment = false;
        foreach (var line in lines)
        {
            if (Regex.IsMatch(line, "^  [a-z]+:\\s*$"))
            {
                inApp = line.Trim() == "app:";
                inEnvironment = false;
                continue;
            }

            if (inApp && line == "    environment:")
            {
                inEnvironment = true;
                continue;
            }

            if (inEnvironment)
            {
                var match = EnvLine().Match(line);
                if (match.Success)
                {
                    result[match.Groups["key"].Value] = match.Groups["value"].Value.Trim().Trim('"');
                }
                else if (!line.TrimStart().StartsWith('#'))
                {
                    inEnvironment = false;
                }
            }
        }

        Assert.NotEmpty(result);
        return result;
    }

    private static HashSet<string> FlattenAppSettings()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src", "ServiceRecovery.Web", "appsettings.json")));
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement element, string prefix)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in element.EnumerateObject())
                {
                    Walk(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}");
                }
            }
            else
            {
                keys.Add(prefix);
            }
        }

        Walk(json.RootElement, "");
        return keys;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServiceRecovery.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }

    [GeneratedRegex("^      (?<key>[A-Za-z_][A-Za-z0-9_]*): (?<value>.*)$")]
    private static partial Regex EnvLine();
}
