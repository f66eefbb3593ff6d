namespace ServiceRecovery.Domain.Common;

/// <summary>Maximum lengths the domain enforces; use the same numbers for column sizes and form validators.</summary>
public static class FieldLimits
{
    /// <summary>Any free-text field (what happened, notes, reasons, apology words...).</summary>
    public const int FreeText = 4000;

    public const int CustomerName = 200;
    public const int Email = 320;
    public const int Phone = 50;
    public const int Category = 100;

    /// <summary>A staff member's display name (owner, actor).</summary>
    public const int PersonName = 200;

    /// <summary>A case reference such as <c>SR-2026-000123</c>.</summary>
    public const int Reference = 32;

    /// <summary>ISO 4217 code.</summary>
    public const int Currency = 3;
}
