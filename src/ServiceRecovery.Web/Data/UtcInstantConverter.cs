using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ServiceRecovery.Web.Data;

/// <summary>Writes an instant with offset zero (the same instant); reads it back as PostgreSQL returns it, in UTC.</summary>
public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
