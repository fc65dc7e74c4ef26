using Marketing.Consent;
using Marketing.Server.Web.Forms;

namespace Marketing.Server.Consent;

/// <summary>
/// The banner designer's entry forms read into an edit of the draft, the same for a save (the page) and for the live
/// preview of what is typed (<see cref="BannerPreviewEndpoints"/>), so that the preview shows what the save would store.
/// </summary>
public static class BannerDesignerPosts
{
    public static BannerDefinition Texts(BannerDefinition draft, string locale, PostedForm form) =>
        EditBannerDraft.SaveTexts(draft, locale, BannerTexts.Keys.ToDictionary(k => k, k => form.Text($"text.{k}")));

    public static BannerCategory Category(PostedForm form) => new()
    {
        Key = form.Text("key"),
        Required = form.Checked("required"),
        Marketing = form.Checked("marketing"),
        Names = form.Under("name"),
        Descriptions = form.Under("description"),
        GoogleConsent = [.. form.Under("google").Keys.Order(StringComparer.Ordinal)],
    };

    /// <summary>
    /// The draft with the entry form <paramref name="handler"/> applied as typed (texts of a locale, a category's words),
    /// or null for a form the preview does not follow (it then shows the saved draft).
    /// </summary>
    public static BannerDefinition? Unsaved(BannerDefinition draft, string handler, PostedForm form) => handler switch
    {
        _ when handler.StartsWith("texts-", StringComparison.Ordinal) && form.Text("locale") is { } locale => Texts(draft, locale, form),
        _ when handler.StartsWith("category-", StringComparison.Ordinal) && handler != "category-new" && form.Text("original") is { } original =>
            EditBannerDraft.SaveCategory(draft, original, Category(form)),
        _ => null,
    };
}
