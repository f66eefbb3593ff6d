namespace ServiceRecovery.Web.Infrastructure.Health;

/// <summary>
/// <c>dotnet ServiceRecovery.Web.dll --probe URL</c>: exits 0 when URL answers 2xx. The container image has no
/// curl, so the Docker health check uses the app itself.
/// </summary>
public static class HealthProbe
{
    public static bool IsRequested(string[] args) => args is ["--probe", _];

    public static async Task<int> RunAsync(string[] args)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(4) };
        try
        {
            using var response = await http.GetAsync(new Uri(args[1]));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
