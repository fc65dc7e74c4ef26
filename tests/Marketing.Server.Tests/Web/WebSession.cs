using System.Net;
using System.Text.RegularExpressions;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// A browser's session with the app, over HTTP: its cookies (the session is Secure, so the client speaks https to the
/// in-memory server), the antiforgery token of the last page read, and form posts as a page's form makes them.
/// </summary>
public sealed partial class WebSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public static WebSession Anonymous(MarketingApp app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));

    /// <summary>Signs in as a person would: the password form, then the authenticator's code when the account has one.</summary>
    public static async Task<WebSession> SignInAsync(MarketingApp app, TestUser user)
    {
        var session = Anonymous(app);
        var response = await session.SignInWithPasswordAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (PathOf(response).StartsWith("/account/sign-in/code", StringComparison.Ordinal))
        {
            var code = await session.PostFormAsync("/account/sign-in/code", "code", new() { ["Code"] = Totp.Code(user.AuthenticatorKey!) });
            Assert.True(code.StatusCode == HttpStatusCode.Redirect && PathOf(code) == "/", $"the code step answered {(int)code.StatusCode} {code.Headers.Location}");
        }

        return session;
    }

    /// <summary>Where a redirect leads, as a path and query (the server writes absolute or relative locations).</summary>
    public static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString : "";

    public async Task<HttpResponseMessage> SignInWithPasswordAsync(string email, string password) =>
        await PostFormAsync("/account/sign-in", "password", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Reads <paramref name="path"/> for its antiforgery token, then posts the form named <paramref name="form"/> to it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string? form, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var token = await TokenAsync(tokenFrom ?? path);
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        if (form is not null)
        {
            values["_handler"] = form;
        }

        return await Client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts a multipart form with one file, as a page's upload form makes it without script.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string path, string form, string field, string fileName, string content, string? tokenFrom = null)
    {
        var token = await TokenAsync(tokenFrom ?? path);
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(form), "_handler" },
        };
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        body.Add(file, field, fileName);
        return await Client.PostAsync(path, body);
    }

    /// <summary>The antiforgery token of a page this session may read (any page's forms carry the same one).</summary>
    public async Task<string> TokenAsync(string path)
    {
        var page = await Client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenIn(html);
        Assert.True(token.Length > 0, $"{path} ({(int)page.StatusCode}) carries no antiforgery token");
        return token;
    }

    /// <summary>The antiforgery token a page's forms carry, or "" when it has none.</summary>
    public static string TokenIn(string html) => WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
