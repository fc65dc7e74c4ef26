namespace Marketing.Data;

/// <summary>Raised when code tries to change or remove a row that may only be appended.</summary>
public sealed class AppendOnlyViolationException : InvalidOperationException
{
    public AppendOnlyViolationException()
    {
    }

    public AppendOnlyViolationException(string message) : base(message)
    {
    }

    public AppendOnlyViolationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public AppendOnlyViolationException(string entity, string change)
        : base($"{entity} rows are append-only: the change '{change}' was refused.")
    {
    }
}
