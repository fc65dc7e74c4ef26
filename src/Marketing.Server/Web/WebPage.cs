using Microsoft.AspNetCore.Components;

namespace Marketing.Server.Web;

/// <summary>
/// What every page of the app has: the request (static rendering: no circuit, no per-user state between requests),
/// the reader's language and the frame's texts, and a way to answer a post with a redirect to one of the app's pages.
/// </summary>
public abstract class WebPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected UiLanguage Language { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    protected ShellTexts Shell => Language.Pick(ShellTexts.English, ShellTexts.French);

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>
    /// A use case's field errors in the reader's language: a rule's coded problems from its texts table, other
    /// messages as the use case wrote them.
    /// </summary>
    protected Dictionary<string, string[]> InLanguage(Dictionary<string, string[]> errors) => Language.Say(errors);

    /// <summary>Goes to <paramref name="path"/> if it is one of the app's own paths, else home: a post never sends anyone elsewhere.</summary>
    protected void RedirectTo(string? path) => Navigation.NavigateTo(LanguageSwitch.IsLocal(path) ? path! : "/");
}
