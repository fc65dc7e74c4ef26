namespace Marketing.Server.Access;

/// <summary>What a passkey form posts: the credential the browser made or gave (JSON), put there by passkey.js.</summary>
public sealed class PasskeyInput
{
    public string? Credential { get; set; }
    /// <summary>The name the user gave a new passkey.</summary>
    public string? Name { get; set; }
    /// <summary>The invitation or reset link's token, on the page that redeems one.</summary>
    public string? Link { get; set; }
}
