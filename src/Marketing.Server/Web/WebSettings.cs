using Marketing.Access;
using Marketing.Server.Hosting;

namespace Marketing.Server.Web;

/// <summary>The web app's settings, under <c>Marketing:Web</c>.</summary>
public sealed class WebSettings
{
    public const string Section = "Marketing:Web";

    /// <summary>Optional sign-in through the company's OpenID Connect provider; off unless an authority is given.</summary>
    public OidcSettings Oidc { get; set; } = new();

    /// <summary>Checks the settings; the first problem stops the start with one line naming it (exit 2).</summary>
    public void Validate()
    {
        if (!Oidc.Enabled)
        {
            return;
        }

        Require(Uri.TryCreate(Oidc.Authority, UriKind.Absolute, out var authority) && (authority.Scheme == "https" || authority.IsLoopback),
            "Authority", "must be the provider's https address, e.g. https://login.acme.example/realms/staff");
        Require(!string.IsNullOrWhiteSpace(Oidc.ClientId), "ClientId", "is required when Authority is set");
        Require(!string.IsNullOrWhiteSpace(Oidc.GroupClaim), "GroupClaim", "names the claim that lists a user's groups, e.g. groups");
        Require(Oidc.Roles.Count > 0, "Roles", "maps at least one group to a role, e.g. Roles:marketing-team=marketer");
        foreach (var (group, role) in Oidc.Roles)
        {
            Require(ApiKeyRoles.TryParse(role, out _), $"Roles:{group}", $"must be one of: {string.Join(", ", ApiKeyRoles.All)}");
        }
    }

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new StartupException($"invalid setting {Section}:Oidc:{key}: {problem}");
        }
    }
}

public sealed class OidcSettings
{
    /// <summary>The provider's issuer address; its discovery document is read from there. Empty: OpenID Connect is off.</summary>
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Scopes asked for besides openid, profile and email (some providers send groups only for a scope of their own).</summary>
    public List<string> Scopes { get; set; } = [];
    /// <summary>What the sign-in page's button says, e.g. "Acme account".</summary>
    public string DisplayName { get; set; } = "Company account";
    /// <summary>The claim of the ID token that lists the user's groups.</summary>
    public string GroupClaim { get; set; } = "groups";
    /// <summary>Group → role (admin, marketer, compliance, dpo). A user in no mapped group may not sign in; in several, the strongest role wins.</summary>
    public Dictionary<string, string> Roles { get; set; } = [];
    /// <summary>
    /// Trust the provider's own second factor: an ID token whose <c>amr</c> claim names one (mfa, hwk, otp, …) counts as a
    /// second factor for admin, compliance and dpo. Otherwise such users also enrol a passkey or an authenticator here.
    /// </summary>
    public bool TrustProviderMfa { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
