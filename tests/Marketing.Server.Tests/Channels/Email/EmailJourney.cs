using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketing.Access;
using Marketing.Server.Tests.Capture;
using Marketing.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Channels.Email;

/// <summary>
/// A person's way through email as the user sees it: signing up on the form, confirming from the email,
/// receiving marketing, unsubscribing. Every step goes through the engine's public or admin HTTP API.
/// </summary>
public sealed partial class EmailJourney(EmailApp app, CaptureScenario scenario, HttpClient browser, HttpClient marketer)
{
    public EmailApp App { get; } = app;
    public CaptureScenario Scenario { get; } = scenario;
    public HttpClient Browser { get; } = browser;
    public HttpClient Marketer { get; } = marketer;

    public static async Task<EmailJourney> StartAsync(EmailApp app) =>
        new(app, await CaptureScenario.CreateAsync(app), app.CreateClient(), await app.ClientAsAsync(ApiKeyRole.Marketer));

    public static string NewAddress(string tag) => $"{tag}.{Guid.NewGuid():N}@example.com";

    public Guid PersonId(string email) => App.InScope(db => db.People.AsNoTracking().Single(p => p.Email == email).Id);

    public async Task SignUpAsync(string email) => await Scenario.SubmitAsync(Browser, email, [Scenario.Newsletter]);

    /// <summary>The confirmation link of the email the sink received, relative to the engine.</summary>
    public static string ConfirmationPath(SmtpSink.Received message) =>
        ConfirmLink().Match(message.Message.TextBody ?? "") is { Success: true } m ? m.Groups["path"].Value
            : throw new InvalidOperationException("no confirmation link in the text part");

    /// <summary>Signs up and confirms through the email's link, as the person would.</summary>
    public async Task<Guid> SubscribedAsync(string email)
    {
        await SignUpAsync(email);
        var confirmation = await App.Smtp.WaitForAsync(email);
        var confirmed = await ConfirmAsync(ConfirmationPath(confirmation));
        confirmed.EnsureSuccessStatusCode();
        return PersonId(email);
    }

    public const string ConfirmingAddress = "198.51.100.20";

    /// <summary>Presses the confirmation page's button, from a known address and browser.</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add(TestEndpoints.ClientAddressHeader, ConfirmingAddress);
        request.Headers.UserAgent.ParseAdd("ConfirmTest/2.0");
        return await Browser.SendAsync(request);
    }

    public async Task<JsonElement> QueueAsync(Guid personId, string template = "welcome", DateTimeOffset? scheduledAt = null, string? purpose = null)
    {
        var response = await Marketer.PostAsJsonAsync("/api/admin/sends", new { personId, purpose = purpose ?? Scenario.Newsletter, template, scheduledAt });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"queueing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The send record once the dispatcher has dealt with it (sent, blocked or failed).</summary>
    public async Task<JsonElement> SettledAsync(JsonElement queued, int seconds = 30)
    {
        var id = queued.GetProperty("id").GetString();
        return await Eventually.ReturnsAsync(
            async () => await Marketer.GetFromJsonAsync<JsonElement>($"/api/admin/sends/{id}"),
            r => r.GetProperty("status").GetString() is not ("queued" or "sending" or "handing_over"),
            TimeSpan.FromSeconds(seconds));
    }

    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    /// <summary>Checks the signature with dkimpy, an implementation that shares nothing with MimeKit, handing it the DNS record.</summary>
    public static async Task<string> VerifyDkimAsync(byte[] raw, string dnsRecord)
    {
        var directory = Directory.CreateTempSubdirectory("marketing-dkim-verify-").FullName;
        try
        {
            var dns = Path.Combine(directory, "key.dns");
            await File.WriteAllTextAsync(dns, dnsRecord);
            var start = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"import dkim,sys; print(dkim.verify(sys.stdin.buffer.read(), dnsfunc=lambda name, timeout=5: open('{dns}','rb').read()))");
            using var python = Process.Start(start)!;
            await python.StandardInput.BaseStream.WriteAsync(raw);
            python.StandardInput.Close();
            var output = await python.StandardOutput.ReadToEndAsync();
            var error = await python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync();
            return (output + error).Trim();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"https?://localhost(:[0-9]+)?(?<path>/email/confirm/[A-Za-z0-9_-]+)")]
    private static partial Regex ConfirmLink();
}
