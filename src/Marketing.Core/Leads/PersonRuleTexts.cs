namespace Marketing.Leads;

/// <summary>What the rules of a person's corrections say (<see cref="CorrectPerson"/>), in English (the API's words) and in French.</summary>
public static class PersonRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["person.timeZone"] = "is not an IANA time zone such as Europe/Paris",
        ["person.locale"] = "is not a locale such as en or fr-FR",
        ["person.country"] = "is not an ISO 3166 country code such as FR",
        ["person.attributes"] = "set at most {max} attributes at once",
        ["person.attribute.name"] = "names an attribute with lowercase letters, digits and '_', at most 64",
        ["person.attribute.length"] = "must be at most {max} characters",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["person.timeZone"] = "n’est pas un fuseau horaire IANA tel que Europe/Paris",
        ["person.locale"] = "n’est pas une langue telle que fr ou en-GB",
        ["person.country"] = "n’est pas un code pays ISO 3166 tel que FR",
        ["person.attributes"] = "changez au plus {max} attributs à la fois",
        ["person.attribute.name"] = "nomme un attribut avec des lettres minuscules, des chiffres et « _ », 64 au plus",
        ["person.attribute.length"] = "doit faire au plus {max} caractères",
    };
}
