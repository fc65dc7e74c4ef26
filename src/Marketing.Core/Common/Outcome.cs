namespace Marketing.Common;

/// <summary>
/// Why a use case changed nothing. Every caller maps it the same way: <see cref="Invalid"/> to a 400 naming each
/// field, <see cref="NotFound"/> to a 404, <see cref="Forbidden"/> to a 403 and <see cref="Conflict"/> to a 409.
/// </summary>
public abstract record Refusal
{
    private Refusal()
    {
    }

    /// <summary>The request itself is wrong: each field at fault with what is wrong with it.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors, string? Title = null) : Refusal;

    /// <summary>What the request names does not exist.</summary>
    public sealed record NotFound : Refusal;

    /// <summary>The caller may not do this, though others may.</summary>
    public sealed record Forbidden(string Title, string Detail) : Refusal;

    /// <summary>The request is well formed, but what is stored now does not allow it.</summary>
    public sealed record Conflict(string Title, string? Detail = null) : Refusal;

    public static Invalid Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    public static Invalid Fields(Dictionary<string, string[]> errors) => new(errors);
}

/// <summary>What a use case answers: the value of what it did, or the <see cref="Refusal"/> that says why it did nothing.</summary>
public sealed class Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, Refusal? refusal)
    {
        _value = value;
        Refusal = refusal;
    }

    /// <summary>Null when the use case did what was asked.</summary>
    public Refusal? Refusal { get; }

    /// <summary>The result; reading it after a refusal is a caller that forgot to map one, and throws.</summary>
    public T Value => Refusal is null
        ? _value!
        : throw new InvalidOperationException($"The use case refused ({Refusal.GetType().Name}): map the refusal before reading the value.");

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
