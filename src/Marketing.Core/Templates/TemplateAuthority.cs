using Marketing.Sending;

namespace Marketing.Templates;

/// <summary>
/// Who may shape a message that leaves without marketing consent (R60). Transactional and
/// confirmation templates, and the layout that wraps every message, are an admin's: a marketer who could write them
/// could send promotion to anyone by calling it transactional.
/// </summary>
public static class TemplateAuthority
{
    /// <summary>Why only an admin may save this template, or null when a marketer may.</summary>
    /// <param name="currentTypes">The types of the templates this key already has, saved or shipped, in any locale and channel.</param>
    public static string? AdminOnlyBecause(string key, string? requestedType, IEnumerable<string> currentTypes)
    {
        if (key == TemplateFiles.LayoutKey)
        {
            return "the layout wraps every message, transactional and confirmation ones too";
        }

        if (requestedType is not null && requestedType != MessageTypes.Marketing)
        {
            return $"a {requestedType} template leaves without marketing consent";
        }

        return currentTypes.FirstOrDefault(t => t != MessageTypes.Marketing) is { } current
            ? $"template '{key}' is a {current} template, which leaves without marketing consent; it cannot be changed or re-typed by a marketer"
            : null;
    }
}
