namespace Marketing.Access;

/// <summary>Who asks for a change of users: a name for the audit log, and a role that decides what they may do.</summary>
/// <param name="Name">As the audit log writes actors: <c>cli</c>, <c>key:ops</c>, <c>user:ada@example.com</c>.</param>
/// <param name="Role">Null for the operator at the command line, who may do anything.</param>
/// <param name="UserId">The user acting, when a user acts: nobody restricts themselves by mistake.</param>
public sealed record Actor(string Name, ApiKeyRole? Role, Guid? UserId = null)
{
    public static Actor Operator { get; } = new("cli", null);

    public static string OfUser(string email) => $"user:{email}";
}
