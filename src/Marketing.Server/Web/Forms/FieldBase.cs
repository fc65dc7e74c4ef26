using Microsoft.AspNetCore.Components;

namespace Marketing.Server.Web.Forms;

/// <summary>What every field of a form has: an id (the error summary links to it), a name, a label, a hint, its error.</summary>
public abstract class FieldBase : ComponentBase
{
    [Parameter, EditorRequired] public string Id { get; set; } = "";
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    [Parameter] public string? Value { get; set; }
    [Parameter] public string? Hint { get; set; }
    [Parameter] public string? Error { get; set; }

    protected string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : $"{Id}-hint", Error is null ? null : $"{Id}-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;

    protected string? Invalid => Error is null ? null : "true";

    protected string ErrorClass => Error is null ? "" : " input--error";
}
