namespace Marketing.Consent;

/// <summary>What the banner rules' codes say, in English (the API's words) and in French.</summary>
public static class BannerRuleTexts
{
    public static IReadOnlyDictionary<string, string> English { get; } = new Dictionary<string, string>
    {
        ["banner.locales"] = "list the locales the banner is shown in, e.g. [\"fr\", \"en\"]; built-in texts exist for {builtIn}",
        ["banner.defaultLocale"] = "must be one of the banner's locales",
        ["banner.renewAfterDays"] = "must be between 1 and {max} (13 months, R27)",
        ["banner.url"] = "must be an absolute http(s) URL",
        ["banner.categories"] = "give 1 to {max} categories",
        ["banner.category.marketing"] = "a strictly necessary category cannot be a marketing one",
        ["banner.category.googleConsent"] = "unknown consent types {unknown}; use {known}",
        ["banner.services"] = "at most {max} services",
        ["banner.service.name"] = "is required, at most {max} characters",
        ["banner.service.category"] = "must name one of the banner's categories",
        ["banner.service.provider"] = "name the company behind the service: visitors must know every partner (R24)",
        ["banner.service.cookies"] = "list the cookies the service sets, each with its lifetime (R24); [] if it sets none",
        ["banner.cookie.name"] = "must be a cookie name (a trailing * matches a family such as _ga_*)",
        ["banner.cookie.lifetime"] = "give the cookie's duration in days, 0 for a session cookie (R24)",
        ["banner.texts.locale"] = "is not one of the banner's locales",
        ["banner.texts.key"] = "is not a banner text; use {keys}",
        ["banner.texts.length"] = "must be 1 to {max} characters",
        ["banner.texts.noBuiltIn"] = "the banner has no built-in texts in '{locale}': give {missing}",
        ["banner.texts.tooLong"] = "each text must be at most {max} characters",
        ["banner.texts.name"] = "give a name in every locale (missing: {missing})",
        ["banner.texts.description"] = "give a description of the purpose (R24) in every locale (missing: {missing})",
        ["banner.texts.servicePurpose"] = "give the service's purpose (R24) in every locale (missing: {missing})",
        ["banner.key"] = "must be 1 to 40 lowercase letters, digits, hyphens or underscores, starting with a letter",
        ["banner.keyTwice"] = "is used twice",
        ["banner.definition"] = "is required",
    };

    public static IReadOnlyDictionary<string, string> French { get; } = new Dictionary<string, string>
    {
        ["banner.locales"] = "indiquez les langues dans lesquelles le bandeau est affiché, par exemple [\"fr\", \"en\"] ; des textes intégrés existent pour {builtIn}",
        ["banner.defaultLocale"] = "doit être l’une des langues du bandeau",
        ["banner.renewAfterDays"] = "doit être compris entre 1 et {max} (13 mois, R27)",
        ["banner.url"] = "doit être une URL http(s) absolue",
        ["banner.categories"] = "donnez de 1 à {max} catégories",
        ["banner.category.marketing"] = "une catégorie strictement nécessaire ne peut pas être une catégorie marketing",
        ["banner.category.googleConsent"] = "types de consentement inconnus : {unknown} ; utilisez {known}",
        ["banner.services"] = "{max} services au plus",
        ["banner.service.name"] = "est obligatoire, {max} caractères au plus",
        ["banner.service.category"] = "doit désigner l’une des catégories du bandeau",
        ["banner.service.provider"] = "nommez la société derrière le service : les visiteurs doivent connaître chaque partenaire (R24)",
        ["banner.service.cookies"] = "listez les cookies que dépose le service, chacun avec sa durée de vie (R24) ; [] s’il n’en dépose aucun",
        ["banner.cookie.name"] = "doit être un nom de cookie (une * finale désigne une famille comme _ga_*)",
        ["banner.cookie.lifetime"] = "donnez la durée du cookie en jours, 0 pour un cookie de session (R24)",
        ["banner.texts.locale"] = "n’est pas l’une des langues du bandeau",
        ["banner.texts.key"] = "n’est pas un texte du bandeau ; utilisez {keys}",
        ["banner.texts.length"] = "doit faire de 1 à {max} caractères",
        ["banner.texts.noBuiltIn"] = "le bandeau n’a pas de textes intégrés en « {locale} » : donnez {missing}",
        ["banner.texts.tooLong"] = "chaque texte doit faire {max} caractères au plus",
        ["banner.texts.name"] = "donnez un nom dans chaque langue (manquant : {missing})",
        ["banner.texts.description"] = "donnez une description de la finalité (R24) dans chaque langue (manquant : {missing})",
        ["banner.texts.servicePurpose"] = "donnez la finalité du service (R24) dans chaque langue (manquant : {missing})",
        ["banner.key"] = "doit faire 1 à 40 lettres minuscules, chiffres, tirets ou soulignés, et commencer par une lettre",
        ["banner.keyTwice"] = "est utilisé deux fois",
        ["banner.definition"] = "est obligatoire",
    };
}
