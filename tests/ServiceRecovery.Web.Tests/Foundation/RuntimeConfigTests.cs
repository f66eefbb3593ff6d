using System.Text.Json;

namespace ServiceRecovery.Web.Tests.Foundation;

/// <summary>
/// The runtime settings the csproj asks for are the ones the build wrote (an MSBuild property with a typo is silently
/// ignored: "ServerGarbageCollector" did nothing for weeks while the docs said workstation GC).
/// </summary>
public sealed class RuntimeConfigTests
{
    [Theory]
    [InlineData("System.GC.Server", false)]
    [InlineData("System.GC.Concurrent", false)]
    [InlineData("System.Runtime.TieredPGO", false)]
    public void The_built_runtimeconfig_has_the_settings_the_benchmarks_describe(string setting, bool expected)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ServiceRecovery.Web.runtimeconfig.json")));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty(setting, out var value), $"{setting} is not in the built runtimeconfig.json");
        Assert.Equal(expected, value.GetBoolean());
    }
}
