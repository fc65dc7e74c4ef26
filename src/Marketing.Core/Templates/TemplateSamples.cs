namespace Marketing.Templates;

/// <summary>The sample data of every preview and save-time check, with the sender's details where the caller has them.</summary>
public static class TemplateSamples
{
    public static TemplateModel Model(string messageType, string locale, string senderName, string legalName, string? postalAddress = null) => new(messageType, locale,
        new Dictionary<string, string?> { ["first_name"] = "Ana", ["email"] = "ana@example.com", ["phone"] = "+33612345678" },
        new Dictionary<string, string?>
        {
            ["name"] = senderName, ["legal_name"] = legalName, ["postal_address"] = postalAddress ?? "1 rue de l'Exemple, 75001 Paris",
        },
        new Dictionary<string, string?>
        {
            ["confirm"] = "https://engine.example/email/confirm/sample", ["confirm_valid_days"] = "7",
            ["unsubscribe"] = "https://engine.example/email/unsubscribe/sample", ["preferences"] = "https://engine.example/email/preferences/sample",
        },
        new Dictionary<string, string?> { ["key"] = "newsletter", ["name"] = "Newsletter" });
}
