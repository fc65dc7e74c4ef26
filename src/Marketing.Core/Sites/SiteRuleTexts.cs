namespace Marketing.Sites;

/// <summary>What the site rules' codes say, in English (the API's words) and in French.</summary>
public static class SiteRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["site.id"] = "must be 1 to 64 lowercase letters, digits or hyphens, starting with a letter or digit",
        ["site.name"] = "is required, at most {max} characters",
        ["site.origins"] = "at most {max} origins",
        ["origin.absolute"] = "must be an absolute URL such as https://www.example.com",
        ["origin.scheme"] = "must use http or https",
        ["origin.bare"] = "must be scheme, host and port only, with no path, query or credentials",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["site.id"] = "doit faire 1 à 64 lettres minuscules, chiffres ou tirets, et commencer par une lettre ou un chiffre",
        ["site.name"] = "est obligatoire, {max} caractères au plus",
        ["site.origins"] = "{max} origines au plus",
        ["origin.absolute"] = "doit être une URL absolue, comme https://www.example.com",
        ["origin.scheme"] = "doit utiliser http ou https",
        ["origin.bare"] = "doit se limiter au schéma, à l’hôte et au port, sans chemin, requête ni identifiants",
    };
}
