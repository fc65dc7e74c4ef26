using Microsoft.AspNetCore.Authorization;

namespace Marketing.Server.Web;

/// <summary>
/// Who may post a page's forms, declared on the page beside who may open it: <c>[PostPolicy(WebPolicies.Marketing)]</c>
/// for every form of the page, <c>[PostPolicy(WebPolicies.Admin, "edit-site")]</c> for the forms named (a trailing
/// <c>*</c> names a family, <c>role-*</c>), and with <see cref="When"/> only the form's posts by one button
/// (<c>When = "Input.Action=save"</c>, where its other buttons only preview). A page without one is posted by whoever
/// may open it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PostPolicyAttribute(string policy, params string[] forms) : Attribute
{
    public string Policy { get; } = policy;

    public IReadOnlyList<string> Forms { get; } = forms;

    /// <summary><c>field=value</c>: the policy holds for the posts that send this value only.</summary>
    public string? When { get; init; }

    public bool Covers(string form, IFormCollection posted) =>
        (Forms.Count == 0 || Forms.Any(f => f.EndsWith('*') ? form.StartsWith(f[..^1], StringComparison.Ordinal) : f == form))
        && (When?.Split('=', 2) is not [var field, var value] || posted[field].ToString() == value);

    /// <summary>
    /// The one check of every page's posts, after authorisation (the page's own policy) and before the framework maps the
    /// form to the page: a role that may open the page but not post this form gets 403 and its post reaches no handler,
    /// whether or not the page drew the form for it (the framework would answer 400 for a form it did not draw).
    /// </summary>
    internal sealed class Middleware(RequestDelegate next)
    {
        public async Task InvokeAsync(HttpContext context, IAuthorizationService authorization)
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetOrderedMetadata<PostPolicyAttribute>() is { Count: > 0 } declared
                && context.User.Identity?.IsAuthenticated == true)
            {
                var posted = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : FormCollection.Empty;
                var form = posted["_handler"].ToString() is { Length: > 0 } name ? name : context.Request.Query["handler"].ToString();
                foreach (var policy in declared.Where(d => d.Covers(form, posted)).Select(d => d.Policy).Distinct())
                {
                    if (!(await authorization.AuthorizeAsync(context.User, context, policy)).Succeeded)
                    {
                        await WebErrors.ForbiddenAsync(context);
                        return;
                    }
                }
            }

            await next(context);
        }
    }
}
