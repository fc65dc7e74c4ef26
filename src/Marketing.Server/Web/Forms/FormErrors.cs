namespace Marketing.Server.Web.Forms;

/// <summary>
/// A form's problems in the order of its fields, each under the id of the field it concerns: the error summary links
/// to each, and each field shows its own (GOV.UK's error pattern).
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<(string Field, string Message)> Items => _items;

    public void Add(string field, string message)
    {
        if (For(field) is null)
        {
            _items.Add((field, message));
        }
    }

    public string? For(string field) => _items.FirstOrDefault(i => i.Field == field).Message;
}
