using System.Diagnostics.CodeAnalysis;

namespace Marketing.Sending;

/// <summary>
/// What a transactional message is about (R60): an order the person placed, a request they made, an
/// event of their account, written <c>kind:id</c> (<c>order:1234</c>). Without one a message is not transactional:
/// it is marketing sent around the gate. An order must be one recorded for that person.
/// </summary>
public sealed record TransactionalReference(string Kind, string Id)
{
    public const string Order = "order";
    public const string Request = "request";
    public const string Account = "account";
    /// <summary>A notice the law owes the person, queued by the engine alone (the art. 14 notice, R52).</summary>
    public const string Notice = "notice";
    public const int MaxLength = 120;
    public const int MaxIdLength = 100;

    public static IReadOnlyList<string> Kinds { get; } = [Order, Request, Account, Notice];

    public static string Rule { get; } =
        $"a transactional message names what it is about as kind:id, the kind one of {string.Join(", ", Kinds)} (e.g. order:1234), the id 1 to {MaxIdLength} printable characters";

    public override string ToString() => $"{Kind}:{Id}";

    public static bool TryParse(string? value, [NotNullWhen(true)] out TransactionalReference? reference)
    {
        reference = null;
        var colon = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (value is null || value.Length > MaxLength || colon < 1)
        {
            return false;
        }

        var kind = value[..colon];
        var id = value[(colon + 1)..];
        if (!Kinds.Contains(kind) || id.Length is 0 or > MaxIdLength || id.Trim().Length != id.Length || id.Any(char.IsControl))
        {
            return false;
        }

        reference = new TransactionalReference(kind, id);
        return true;
    }
}
