namespace ServiceRecovery.Web.Features.Home;

/// <summary>A place to go; <see cref="Href"/> is null while the feature is still being built.</summary>
public sealed record RoleLink(string Title, string Description, string? Href);
