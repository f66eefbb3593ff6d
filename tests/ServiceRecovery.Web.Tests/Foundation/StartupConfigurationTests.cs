using System.Diagnostics;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>No database password lives in the repository, and the app refuses to start without its connection string.</summary>
public sealed class StartupConfigurationTests
{
    private static string ProjectDirectory([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "ServiceRecovery.Web"));

    [Theory]
    [InlineData("appsettings.json")]
    [InlineData("appsettings.Development.json")]
    public void No_settings_file_holds_a_connection_string_or_a_password(string file)
    {
        var text = File.ReadAllText(Path.Combine(ProjectDirectory(), file));

        Assert.DoesNotContain("Password=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_connection_string()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ServiceRecovery.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = ProjectDirectory(),
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ConnectionStrings__Default");
        using var app = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var stderr = app.StandardError.ReadToEndAsync(timeout.Token);
        await app.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, app.ExitCode);
        Assert.Contains("ConnectionStrings:Default is not set", await stderr, StringComparison.Ordinal);
    }
}
