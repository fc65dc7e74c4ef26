namespace Marketing.Server.Web.Forms;

/// <summary>What a typed value means: an empty or blank box is no value, and spaces around one are not part of it.</summary>
public static class FormText
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
