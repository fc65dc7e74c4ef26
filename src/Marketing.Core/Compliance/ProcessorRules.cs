using System.Text.RegularExpressions;

namespace Marketing.Compliance;

/// <summary>A processor entry as given by the API, the web page or the CLI; every field is checked by <see cref="ProcessorRules"/>.</summary>
public sealed record ProcessorInput(
    string? LegalName,
    string? Role,
    string? Service,
    List<string>? DataCategories,
    List<string>? StorageCountries,
    List<string>? AccessCountries,
    string? TransferMechanism,
    string? TransferDocument,
    DateOnly? DpaDate,
    string? DpaReference,
    string? SubProcessorsUrl,
    bool? DpfCertified,
    DateOnly? DpfVerifiedOn);

/// <summary>What makes a processor entry complete (R43) and its transfer declaration coherent (R44).</summary>
public static partial class ProcessorRules
{
    [GeneratedRegex("^[a-z][a-z0-9_-]{1,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    public static bool IsValidKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>Every problem of an entry, keyed by the field at fault (the API's JSON names).</summary>
    public static Dictionary<string, string[]> Validate(string key, ProcessorInput input)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (!IsValidKey(key))
        {
            Add("key", "must be 2 to 64 lowercase letters, digits, '-' or '_', starting with a letter");
        }

        Text(input.LegalName, "legalName", 200, required: true, errors);
        if (input.Role is null || !ProcessorRoles.All.Contains(input.Role))
        {
            Add("role", $"must be one of: {string.Join(", ", ProcessorRoles.All)}");
        }

        Text(input.Service, "service", 500, required: true, errors);
        List("dataCategories", input.DataCategories, item => !string.IsNullOrWhiteSpace(item) && item.Length <= 100, "must be 1 to 100 characters", errors);
        List("storageCountries", input.StorageCountries, item => item is not null && CountryPattern().IsMatch(item), "must be an ISO 3166-1 alpha-2 code such as FR or US", errors);
        List("accessCountries", input.AccessCountries, item => item is not null && CountryPattern().IsMatch(item), "must be an ISO 3166-1 alpha-2 code such as FR or US", errors);

        var mechanism = input.TransferMechanism;
        if (mechanism is not null && !TransferMechanisms.All.Contains(mechanism))
        {
            Add("transferMechanism", $"must be one of: {string.Join(", ", TransferMechanisms.All)}, or left out");
        }
        else if (mechanism is TransferMechanisms.Scc or TransferMechanisms.Bcr or TransferMechanisms.Art49 && string.IsNullOrWhiteSpace(input.TransferDocument))
        {
            Add("transferDocument", "give the reference of the document the transfer rests on (R44)");
        }
        else if (mechanism == TransferMechanisms.Dpf && input.DpfCertified != true)
        {
            Add("dpfCertified", "a transfer under the Data Privacy Framework needs the recipient's DPF certification (R44)");
        }

        Text(input.TransferDocument, "transferDocument", 500, required: false, errors);
        if (input.DpaDate is null)
        {
            Add("dpaDate", "give the date of the data processing agreement (art. 28(3))");
        }

        Text(input.DpaReference, "dpaReference", 500, required: false, errors);
        if (!Uri.TryCreate(input.SubProcessorsUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || input.SubProcessorsUrl!.Length > 2000)
        {
            Add("subProcessorsUrl", "must be the http(s) address of the processor's list of sub-processors");
        }

        if (input.DpfCertified == true && input.DpfVerifiedOn is null)
        {
            Add("dpfVerifiedOn", "give the date the DPF certification was last checked (R44: checked again every 12 months)");
        }

        return errors;
    }

    private static void Text(string? value, string field, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (value is null ? required : string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            errors[field] = [$"{(required ? "is required, " : "")}1 to {max} characters"];
        }
    }

    private static void List(string field, List<string>? items, Func<string?, bool> valid, string message, Dictionary<string, string[]> errors)
    {
        if (items is not { Count: > 0 })
        {
            errors[field] = ["give at least one"];
            return;
        }

        if (items.Count > 50)
        {
            errors[field] = ["at most 50"];
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (!valid(items[i]))
            {
                errors[$"{field}[{i}]"] = [message];
            }
        }
    }
}
