using Marketing.Compliance;
using Marketing.Server.Hosting;

namespace Marketing.Server.Compliance;

/// <summary>The DPO's contact (R46): a name with a way to reach them, or the reason none is designated.</summary>
public sealed class DpoSettings
{
    public const string Section = "Marketing:Dpo";

    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    /// <summary>Why no DPO is designated (art. 37(1) does not apply, for one); give it instead of a name.</summary>
    public string? NotDesignatedReason { get; set; }

    public void Validate()
    {
        Setting.Require(string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(NotDesignatedReason), $"{Section}:NotDesignatedReason",
            "give a DPO's Name or the reason none is designated, not both");
        Setting.Require(string.IsNullOrWhiteSpace(Name) || !string.IsNullOrWhiteSpace(Email) || !string.IsNullOrWhiteSpace(Address), $"{Section}:Email",
            "a designated DPO needs a way to be reached: an Email or a postal Address (art. 37(7))");
        Setting.Require(string.IsNullOrWhiteSpace(Email) || Marketing.Leads.Identifiers.TryNormalizeEmail(Email, out _), $"{Section}:Email", "must be an email address");
    }

    public DpoContact ToContact() => new(Blank(Name), Blank(Email), Blank(Phone), Blank(Address), Blank(NotDesignatedReason));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>R44: where personal data may go. <c>eu-only</c> keeps every channel off whose processor has an uncovered transfer outside the EEA.</summary>
public static class DataRegions
{
    public const string Key = "Marketing:DataRegion";
    public const string EuOnly = "eu-only";
    public const string None = "none";

    public static bool IsEuOnly(string? value) => string.Equals(value?.Trim(), EuOnly, StringComparison.OrdinalIgnoreCase);

    public static void Validate(string? value) =>
        Setting.Require(string.IsNullOrWhiteSpace(value) || IsEuOnly(value) || string.Equals(value.Trim(), None, StringComparison.OrdinalIgnoreCase), Key,
            $"must be '{EuOnly}' or '{None}' (or left out), not '{value}'");
}
