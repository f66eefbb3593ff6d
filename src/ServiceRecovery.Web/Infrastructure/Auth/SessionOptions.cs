namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>How long a signed-in session may last at most, however active ("Auth:AbsoluteSessionHours", 12).</summary>
public sealed class SessionOptions
{
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}
