namespace Marketing.Server.Access;

/// <summary>The words of Settings → API keys, in each language.</summary>
public sealed class ApiKeysTexts
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required string Caption { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required string Key { get; init; }
    public required string Created { get; init; }
    public required string Status { get; init; }
    public required string Actions { get; init; }
    public required string Active { get; init; }
    public required Func<string, string> RevokedAt { get; init; }
    public required Func<string, string> Revoke { get; init; }
    public required string NotYours { get; init; }
    public required string NoKeys { get; init; }
    public required string CreateHeading { get; init; }
    public required string NameHint { get; init; }
    public required string Create { get; init; }
    public required Func<string, string> CreatedNotice { get; init; }
    public required string ShownOnce { get; init; }
    public required string NewKeyLabel { get; init; }
    public required Func<string, string> Revoked { get; init; }
    public required string Gone { get; init; }
    public required Func<string, string> Problem { get; init; }
    public required string Scopes { get; init; }
    public required string ScopesHint { get; init; }
    public required string AllScopes { get; init; }
    public required string Expires { get; init; }
    public required string ExpiresHint { get; init; }
    public required string Never { get; init; }
    public required Func<string, string> ExpiredAt { get; init; }

    public static ApiKeysTexts English { get; } = new()
    {
        Title = "API keys",
        Intro = "Keys for programs that call the admin API (/api/admin), each with one role. Only a hash of each key is kept: a key is shown once, when it is created.",
        Caption = "API keys, oldest first",
        Name = "Name",
        Role = "Role",
        Key = "Key",
        Created = "Created (UTC)",
        Status = "Status",
        Actions = "Actions",
        Active = "Active",
        RevokedAt = at => $"Revoked {at}",
        Revoke = name => $"Revoke {name}",
        NotYours = "Only a DPO or the operator revokes a DPO’s key",
        NoKeys = "No key yet.",
        CreateHeading = "Create a key",
        NameHint = "What uses it, such as crm-sync. At most 100 characters.",
        Create = "Create the key",
        CreatedNotice = name => $"The key {name} was created.",
        ShownOnce = "Copy it now: it is shown only this once, and cannot be read again.",
        NewKeyLabel = "The new key",
        Revoked = name => $"The key {name} was revoked: requests made with it are refused.",
        Gone = "This key no longer exists.",
        Problem = field => field switch
        {
            "name" => "Enter a name of at most 100 characters",
            "role" => "Choose a role you may give from the list",
            "scopes" => "Choose scopes from the list",
            "expiresAt" => "Enter a date after today and at most two years ahead, such as 2027-06-30",
            _ => "Only a DPO or the operator revokes a DPO’s key",
        },
        Scopes = "Scopes",
        ScopesHint = "The parts of the admin API the key may reach. None ticked: every part its role reaches.",
        AllScopes = "all",
        Expires = "Expires on (UTC)",
        ExpiresHint = "A date, such as 2027-06-30: the key stops working at its start. Leave empty for a key that does not expire.",
        Never = "never",
        ExpiredAt = when => $"Expired {when}",
    };

    public static ApiKeysTexts French { get; } = new()
    {
        Title = "Clés d’API",
        Intro = "Les clés des programmes qui appellent l’API d’administration (/api/admin), chacune avec un rôle. Seule une empreinte de chaque clé est gardée : une clé n’est montrée qu’une fois, à sa création.",
        Caption = "Clés d’API, de la plus ancienne à la plus récente",
        Name = "Nom",
        Role = "Rôle",
        Key = "Clé",
        Created = "Créée le (UTC)",
        Status = "État",
        Actions = "Actions",
        Active = "Active",
        RevokedAt = at => $"Révoquée le {at}",
        Revoke = name => $"Révoquer {name}",
        NotYours = "Seul un DPO ou l’exploitant révoque la clé d’un DPO",
        NoKeys = "Aucune clé pour l’instant.",
        CreateHeading = "Créer une clé",
        NameHint = "Ce qui l’utilise, par exemple crm-sync. Au plus 100 caractères.",
        Create = "Créer la clé",
        CreatedNotice = name => $"La clé {name} a été créée.",
        ShownOnce = "Copiez-la maintenant : elle n’est montrée qu’une fois et ne pourra plus être lue.",
        NewKeyLabel = "La nouvelle clé",
        Revoked = name => $"La clé {name} a été révoquée : les requêtes faites avec elle sont refusées.",
        Gone = "Cette clé n’existe plus.",
        Problem = field => field switch
        {
            "name" => "Saisissez un nom d’au plus 100 caractères",
            "role" => "Choisissez dans la liste un rôle que vous pouvez donner",
            "scopes" => "Choisissez les périmètres dans la liste",
            "expiresAt" => "Saisissez une date après aujourd’hui et au plus dans deux ans, par exemple 2027-06-30",
            _ => "Seul un DPO ou l’exploitant révoque la clé d’un DPO",
        },
        Scopes = "Périmètres",
        ScopesHint = "Les parties de l’API d’administration que la clé peut atteindre. Aucune cochée : toutes celles que son rôle atteint.",
        AllScopes = "tous",
        Expires = "Expire le (UTC)",
        ExpiresHint = "Une date, par exemple 2027-06-30 : la clé cesse de fonctionner à son début. Laissez vide pour une clé sans expiration.",
        Never = "jamais",
        ExpiredAt = when => $"Expirée le {when}",
    };
}
