using Marketing.Access;

namespace Marketing.Server.Access;

/// <summary>The words of signing in, of a user's own sign-in settings and of Settings → Users, in each language.</summary>
public sealed class AccessTexts
{
    // Signing in
    public required string SignInTitle { get; init; }
    public required string PasskeyHeading { get; init; }
    public required string PasskeyIntro { get; init; }
    public required string PasskeyNeedsScript { get; init; }
    public required string SignInWithPasskey { get; init; }
    public required string PasswordHeading { get; init; }
    public required string Email { get; init; }
    public required string Password { get; init; }
    public required string SignIn { get; init; }
    public required string ForgotLink { get; init; }
    public required string ProviderHeading { get; init; }
    public required Func<string, string> SignInWith { get; init; }
    public required string EnterEmail { get; init; }
    public required string EnterPassword { get; init; }
    public required string WrongEmailOrPassword { get; init; }
    public required string LockedOut { get; init; }
    public required string UsePasskey { get; init; }
    public required string NoPasskeyGiven { get; init; }
    public required string PasskeyNotRecognised { get; init; }
    public required string ProviderRefused { get; init; }

    // The one-time code step
    public required string CodeTitle { get; init; }
    public required string CodeIntro { get; init; }
    public required string Code { get; init; }
    public required string CodeHint { get; init; }
    public required string Continue { get; init; }
    public required string EnterCode { get; init; }
    public required string WrongCode { get; init; }

    // Forgotten password
    public required string ForgotTitle { get; init; }
    public required string ForgotIntro { get; init; }
    public required string SendLink { get; init; }
    public required string ForgotSent { get; init; }
    public required string BackToSignIn { get; init; }

    // Invitation and reset links
    public required string InvitationTitle { get; init; }
    public required string ResetTitle { get; init; }
    public required Func<string, string> LinkIntro { get; init; }
    public required string CreatePasskeyHeading { get; init; }
    public required string CreatePasskeyIntro { get; init; }
    public required string CreatePasskey { get; init; }
    public required string SetPasswordHeading { get; init; }
    public required string NewPassword { get; init; }
    public required string NewPasswordHint { get; init; }
    public required string SetPassword { get; init; }
    public required string PasswordTooShort { get; init; }
    public required string PasswordRefused { get; init; }
    public required string LinkProblemTitle { get; init; }
    public required string AskNewLink { get; init; }

    // Your sign-in (passkeys, authenticator app)
    public required string SecurityTitle { get; init; }
    public required Func<string, string> FactorRequired { get; init; }
    public required string FactorRequiredWithPasskey { get; init; }
    public required string PasskeysHeading { get; init; }
    public required string NoPasskeys { get; init; }
    public required string PasskeyName { get; init; }
    public required string PasskeyNameHint { get; init; }
    public required string DefaultPasskeyName { get; init; }
    public required string Added { get; init; }
    public required string AddPasskey { get; init; }
    public required Func<string, string> RemovePasskey { get; init; }
    public required string PasskeyAdded { get; init; }
    public required string PasskeyRemoved { get; init; }
    public required string PasskeyNotAdded { get; init; }
    public required string AuthenticatorHeading { get; init; }
    public required string AuthenticatorOn { get; init; }
    public required string AuthenticatorOff { get; init; }
    public required string SetUpAuthenticator { get; init; }
    public required string TurnOffAuthenticator { get; init; }
    public required string AuthenticatorTitle { get; init; }
    public required string AuthenticatorStep1 { get; init; }
    public required string AuthenticatorKey { get; init; }
    public required string AuthenticatorStep2 { get; init; }
    public required string QrCode { get; init; }
    public required string AuthenticatorAdded { get; init; }
    public required string AuthenticatorRemoved { get; init; }

    // Settings → Users
    public required string UsersTitle { get; init; }
    public required string UsersCaption { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required string Status { get; init; }
    public required string SignInMethods { get; init; }
    public required string Actions { get; init; }
    public required Func<ListUsers.UserStatus, string> StatusName { get; init; }
    public required Func<int, string> PasskeyCount { get; init; }
    public required string AuthenticatorApp { get; init; }
    public required string PasswordMethod { get; init; }
    public required string NoMethod { get; init; }
    public required Func<string, string> RoleOf { get; init; }
    public required string ChangeRole { get; init; }
    public required Func<string, string> Disable { get; init; }
    public required Func<string, string> Enable { get; init; }
    public required string DpoReadOnly { get; init; }
    public required string You { get; init; }
    public required string InviteHeading { get; init; }
    public required string DisplayName { get; init; }
    public required string Optional { get; init; }
    public required string EmailLanguage { get; init; }
    public required string Invite { get; init; }
    public required Func<string, string> Invited { get; init; }
    public required Func<string, string> RoleChanged { get; init; }
    public required Func<string, string> Disabled { get; init; }
    public required Func<string, string> Enabled { get; init; }
    public required Func<string, string> Problem { get; init; }

    public static AccessTexts English { get; } = new()
    {
        SignInTitle = "Sign in",
        PasskeyHeading = "With a passkey",
        PasskeyIntro = "A passkey is the safest way in: your device checks it is you, with your fingerprint, face or PIN.",
        PasskeyNeedsScript = "Signing in with a passkey needs JavaScript. You can sign in with your password below.",
        SignInWithPasskey = "Sign in with a passkey",
        PasswordHeading = "With your password",
        Email = "Email address",
        Password = "Password",
        SignIn = "Sign in",
        ForgotLink = "I cannot sign in",
        ProviderHeading = "With your company account",
        SignInWith = name => $"Sign in with {name}",
        EnterEmail = "Enter your email address",
        EnterPassword = "Enter your password",
        WrongEmailOrPassword = "The email address or the password is not right",
        LockedOut = "Too many failed attempts: this account is locked for 15 minutes",
        UsePasskey = "Your role signs in with your passkey: use “Sign in with a passkey”",
        NoPasskeyGiven = "Your browser did not give a passkey. Try again, or sign in with your password",
        PasskeyNotRecognised = "This passkey is not recognised",
        ProviderRefused = "Your company account gives no access to this app. Ask an admin to add you to a group that does",
        CodeTitle = "Enter the code from your authenticator app",
        CodeIntro = "Open the authenticator app you set up for this account and type the 6-digit code it shows.",
        Code = "Code",
        CodeHint = "6 digits, for example 123456",
        Continue = "Continue",
        EnterCode = "Enter the code from your authenticator app",
        WrongCode = "The code is not right, or has changed: enter the code the app shows now",
        ForgotTitle = "I cannot sign in",
        ForgotIntro = "Enter the email address of your account. We will send it a link to set a new password or passkey.",
        SendLink = "Send me a link",
        ForgotSent = "If an account uses this address, a link is on its way. It works once, for one hour.",
        BackToSignIn = "Back to sign in",
        InvitationTitle = "Set up your sign-in",
        ResetTitle = "Choose a new way to sign in",
        LinkIntro = email => $"This is for the account {email}. Choose a passkey, or a password.",
        CreatePasskeyHeading = "Create a passkey (recommended)",
        CreatePasskeyIntro = "Your device will ask for your fingerprint, face or PIN. Nothing secret leaves it.",
        CreatePasskey = "Create a passkey",
        SetPasswordHeading = "Or set a password",
        NewPassword = "New password",
        NewPasswordHint = "At least 12 characters. A few unrelated words make a good one.",
        SetPassword = "Set password and sign in",
        PasswordTooShort = "Your password must be at least 12 characters",
        PasswordRefused = "This password cannot be used: choose another",
        LinkProblemTitle = "This link does not work",
        AskNewLink = "Ask for a new link",
        SecurityTitle = "Your sign-in",
        FactorRequired = role => $"Your role ({role}) needs a second factor. Add a passkey or set up an authenticator app before you continue.",
        FactorRequiredWithPasskey = "Your role needs a second factor for this session: sign out, then sign in with your passkey.",
        PasskeysHeading = "Passkeys",
        NoPasskeys = "You have no passkey yet.",
        PasskeyName = "Name of the new passkey",
        PasskeyNameHint = "So that you recognise it later, for example “Work laptop”.",
        DefaultPasskeyName = "Passkey",
        Added = "Added",
        AddPasskey = "Add a passkey",
        RemovePasskey = name => $"Remove passkey {name}",
        PasskeyAdded = "Your passkey has been added.",
        PasskeyRemoved = "The passkey has been removed.",
        PasskeyNotAdded = "The passkey could not be added. Try again",
        AuthenticatorHeading = "Authenticator app",
        AuthenticatorOn = "An authenticator app gives you a code after your password.",
        AuthenticatorOff = "No authenticator app is set up.",
        SetUpAuthenticator = "Set up an authenticator app",
        TurnOffAuthenticator = "Turn off the authenticator app",
        AuthenticatorTitle = "Set up an authenticator app",
        AuthenticatorStep1 = "1. Scan this QR code with your authenticator app, or type the key below into it.",
        AuthenticatorKey = "Key",
        AuthenticatorStep2 = "2. Type the 6-digit code the app now shows.",
        QrCode = "QR code of the key for your authenticator app",
        AuthenticatorAdded = "Your authenticator app is set up: after your password, you will be asked for its code.",
        AuthenticatorRemoved = "The authenticator app has been turned off.",
        UsersTitle = "Users",
        UsersCaption = "Everyone who can sign in to the app",
        Name = "Name",
        Role = "Role",
        Status = "Status",
        SignInMethods = "Signs in with",
        Actions = "Actions",
        StatusName = status => status switch
        {
            ListUsers.UserStatus.Invited => "Invited",
            ListUsers.UserStatus.Active => "Active",
            _ => "Disabled",
        },
        PasskeyCount = n => n == 1 ? "1 passkey" : $"{n} passkeys",
        AuthenticatorApp = "authenticator app",
        PasswordMethod = "password",
        NoMethod = "nothing yet",
        RoleOf = email => $"Role of {email}",
        ChangeRole = "Change role",
        Disable = email => $"Disable {email}",
        Enable = email => $"Enable {email}",
        DpoReadOnly = "Only a DPO or the operator can change a DPO's account.",
        You = "you",
        InviteHeading = "Invite a user",
        DisplayName = "Name",
        Optional = "Optional.",
        EmailLanguage = "Language of their emails",
        Invite = "Send invitation",
        Invited = email => $"An invitation to {email} is on its way: its link works once, for 7 days.",
        RoleChanged = email => $"The role of {email} has been changed.",
        Disabled = email => $"{email} can no longer sign in.",
        Enabled = email => $"{email} can sign in again.",
        Problem = code => code switch
        {
            UserProblems.EmailInvalid => "Enter an email address in the right format, like name@example.com",
            UserProblems.EmailTaken => "This address already belongs to a user who can sign in",
            UserProblems.RoleInvalid => "Choose a role",
            UserProblems.RoleNotYours => "Only a DPO or the operator can give or take away the DPO role",
            UserProblems.NameTooLong => $"The name must be {User.MaxNameLength} characters or fewer",
            UserProblems.NotYourself => "You cannot change your own role or disable yourself",
            UserProblems.UnknownUser => "This user no longer exists",
            UserProblems.LinkUnknown => "This link is not valid, or has already been used.",
            UserProblems.LinkExpired => "This link has expired.",
            _ => code,
        },
    };

    public static AccessTexts French { get; } = new()
    {
        SignInTitle = "Se connecter",
        PasskeyHeading = "Avec une clé d'accès",
        PasskeyIntro = "Une clé d'accès est le moyen le plus sûr : votre appareil vérifie que c'est vous, par empreinte, visage ou code.",
        PasskeyNeedsScript = "La connexion par clé d'accès nécessite JavaScript. Vous pouvez vous connecter avec votre mot de passe ci-dessous.",
        SignInWithPasskey = "Se connecter avec une clé d'accès",
        PasswordHeading = "Avec votre mot de passe",
        Email = "Adresse e-mail",
        Password = "Mot de passe",
        SignIn = "Se connecter",
        ForgotLink = "Je n'arrive pas à me connecter",
        ProviderHeading = "Avec votre compte d'entreprise",
        SignInWith = name => $"Se connecter avec {name}",
        EnterEmail = "Saisissez votre adresse e-mail",
        EnterPassword = "Saisissez votre mot de passe",
        WrongEmailOrPassword = "L'adresse e-mail ou le mot de passe n'est pas correct",
        LockedOut = "Trop d'essais infructueux : ce compte est bloqué pendant 15 minutes",
        UsePasskey = "Votre rôle se connecte avec sa clé d'accès : utilisez « Se connecter avec une clé d'accès »",
        NoPasskeyGiven = "Votre navigateur n'a pas fourni de clé d'accès. Réessayez, ou connectez-vous avec votre mot de passe",
        PasskeyNotRecognised = "Cette clé d'accès n'est pas reconnue",
        ProviderRefused = "Votre compte d'entreprise ne donne pas accès à cette application. Demandez à un administrateur de vous ajouter à un groupe qui y donne accès",
        CodeTitle = "Saisissez le code de votre application d'authentification",
        CodeIntro = "Ouvrez l'application d'authentification configurée pour ce compte et saisissez le code à 6 chiffres qu'elle affiche.",
        Code = "Code",
        CodeHint = "6 chiffres, par exemple 123456",
        Continue = "Continuer",
        EnterCode = "Saisissez le code de votre application d'authentification",
        WrongCode = "Le code n'est pas correct, ou a changé : saisissez le code affiché maintenant",
        ForgotTitle = "Je n'arrive pas à me connecter",
        ForgotIntro = "Saisissez l'adresse e-mail de votre compte. Nous lui enverrons un lien pour choisir un nouveau mot de passe ou une nouvelle clé d'accès.",
        SendLink = "M'envoyer un lien",
        ForgotSent = "Si un compte utilise cette adresse, un lien est en route. Il fonctionne une fois, pendant une heure.",
        BackToSignIn = "Retour à la connexion",
        InvitationTitle = "Configurez votre connexion",
        ResetTitle = "Choisissez un nouveau moyen de connexion",
        LinkIntro = email => $"Ceci concerne le compte {email}. Choisissez une clé d'accès ou un mot de passe.",
        CreatePasskeyHeading = "Créer une clé d'accès (recommandé)",
        CreatePasskeyIntro = "Votre appareil vous demandera votre empreinte, votre visage ou votre code. Rien de secret n'en sort.",
        CreatePasskey = "Créer une clé d'accès",
        SetPasswordHeading = "Ou choisir un mot de passe",
        NewPassword = "Nouveau mot de passe",
        NewPasswordHint = "Au moins 12 caractères. Quelques mots sans rapport font un bon mot de passe.",
        SetPassword = "Enregistrer le mot de passe et se connecter",
        PasswordTooShort = "Votre mot de passe doit comporter au moins 12 caractères",
        PasswordRefused = "Ce mot de passe ne peut pas être utilisé : choisissez-en un autre",
        LinkProblemTitle = "Ce lien ne fonctionne pas",
        AskNewLink = "Demander un nouveau lien",
        SecurityTitle = "Votre connexion",
        FactorRequired = role => $"Votre rôle ({role}) exige un second facteur. Ajoutez une clé d'accès ou configurez une application d'authentification avant de continuer.",
        FactorRequiredWithPasskey = "Votre rôle exige un second facteur pour cette session : déconnectez-vous, puis reconnectez-vous avec votre clé d'accès.",
        PasskeysHeading = "Clés d'accès",
        NoPasskeys = "Vous n'avez pas encore de clé d'accès.",
        PasskeyName = "Nom de la nouvelle clé d'accès",
        PasskeyNameHint = "Pour la reconnaître plus tard, par exemple « Ordinateur du bureau ».",
        DefaultPasskeyName = "Clé d'accès",
        Added = "Ajoutée le",
        AddPasskey = "Ajouter une clé d'accès",
        RemovePasskey = name => $"Supprimer la clé d'accès {name}",
        PasskeyAdded = "Votre clé d'accès a été ajoutée.",
        PasskeyRemoved = "La clé d'accès a été supprimée.",
        PasskeyNotAdded = "La clé d'accès n'a pas pu être ajoutée. Réessayez",
        AuthenticatorHeading = "Application d'authentification",
        AuthenticatorOn = "Une application d'authentification vous donne un code après votre mot de passe.",
        AuthenticatorOff = "Aucune application d'authentification n'est configurée.",
        SetUpAuthenticator = "Configurer une application d'authentification",
        TurnOffAuthenticator = "Désactiver l'application d'authentification",
        AuthenticatorTitle = "Configurer une application d'authentification",
        AuthenticatorStep1 = "1. Scannez ce QR code avec votre application d'authentification, ou saisissez-y la clé ci-dessous.",
        AuthenticatorKey = "Clé",
        AuthenticatorStep2 = "2. Saisissez le code à 6 chiffres que l'application affiche maintenant.",
        QrCode = "QR code de la clé pour votre application d'authentification",
        AuthenticatorAdded = "Votre application d'authentification est configurée : après votre mot de passe, son code vous sera demandé.",
        AuthenticatorRemoved = "L'application d'authentification a été désactivée.",
        UsersTitle = "Utilisateurs",
        UsersCaption = "Toutes les personnes qui peuvent se connecter à l'application",
        Name = "Nom",
        Role = "Rôle",
        Status = "Statut",
        SignInMethods = "Se connecte avec",
        Actions = "Actions",
        StatusName = status => status switch
        {
            ListUsers.UserStatus.Invited => "Invité",
            ListUsers.UserStatus.Active => "Actif",
            _ => "Désactivé",
        },
        PasskeyCount = n => n == 1 ? "1 clé d'accès" : $"{n} clés d'accès",
        AuthenticatorApp = "application d'authentification",
        PasswordMethod = "mot de passe",
        NoMethod = "rien pour l'instant",
        RoleOf = email => $"Rôle de {email}",
        ChangeRole = "Changer le rôle",
        Disable = email => $"Désactiver {email}",
        Enable = email => $"Réactiver {email}",
        DpoReadOnly = "Seul un DPO ou l'exploitant peut modifier le compte d'un DPO.",
        You = "vous",
        InviteHeading = "Inviter un utilisateur",
        DisplayName = "Nom",
        Optional = "Facultatif.",
        EmailLanguage = "Langue de ses e-mails",
        Invite = "Envoyer l'invitation",
        Invited = email => $"Une invitation pour {email} est en route : son lien fonctionne une fois, pendant 7 jours.",
        RoleChanged = email => $"Le rôle de {email} a été modifié.",
        Disabled = email => $"{email} ne peut plus se connecter.",
        Enabled = email => $"{email} peut de nouveau se connecter.",
        Problem = code => code switch
        {
            UserProblems.EmailInvalid => "Saisissez une adresse e-mail au bon format, comme nom@exemple.fr",
            UserProblems.EmailTaken => "Cette adresse appartient déjà à un utilisateur qui peut se connecter",
            UserProblems.RoleInvalid => "Choisissez un rôle",
            UserProblems.RoleNotYours => "Seul un DPO ou l'exploitant peut donner ou retirer le rôle de DPO",
            UserProblems.NameTooLong => $"Le nom doit comporter au plus {User.MaxNameLength} caractères",
            UserProblems.NotYourself => "Vous ne pouvez pas changer votre propre rôle ni vous désactiver",
            UserProblems.UnknownUser => "Cet utilisateur n'existe plus",
            UserProblems.LinkUnknown => "Ce lien n'est pas valide, ou a déjà été utilisé.",
            UserProblems.LinkExpired => "Ce lien a expiré.",
            _ => code,
        },
    };
}
