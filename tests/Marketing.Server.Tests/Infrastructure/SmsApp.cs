using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// The engine with its SMS channel on, pointed at a local Twilio stand-in, on a clock fixed to a Tuesday morning
/// in Paris. No Hangfire server runs: tests start dispatch passes themselves, so each outcome is theirs.
/// </summary>
public abstract class SmsApp(Data.DatabaseProvider provider) : MarketingApp(provider)
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "test-auth-token-0123456789abcdef";
    public const string From = "+33700000001";
    public const string PublicBaseUrl = "https://engine.acme.example";
    public const string SenderName = "Acme";

    /// <summary>Tuesday 2 March 2027, 10:00 in Paris.</summary>
    public static readonly DateTimeOffset Tuesday10Paris = new(2027, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public TwilioStub Twilio { get; } = new();
    public TestClock Clock { get; } = new(Tuesday10Paris);

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(ChannelSettings(Twilio))
    {
        ["Marketing:Jobs:RunServer"] = "false",
        ["Marketing:PublicBaseUrl"] = PublicBaseUrl,
        ["Marketing:Email:LegalName"] = EmailApp.LegalName,
        ["Marketing:Email:PostalAddress"] = EmailApp.PostalAddress,
        ["Marketing:Sms:MaxAttempts"] = "3",
    };

    /// <summary>The SMS channel's settings for an engine that talks to <paramref name="twilio"/>, the local stand-in.</summary>
    public static Dictionary<string, string> ChannelSettings(TwilioStub twilio) => new()
    {
        ["Marketing:Sms:AccountSid"] = AccountSid,
        ["Marketing:Sms:AuthToken"] = AuthToken,
        ["Marketing:Sms:From"] = From,
        ["Marketing:Sms:SenderName"] = SenderName,
        ["Marketing:Sms:ApiBaseUrl"] = twilio.BaseUrl,
    };

    /// <summary>The form Twilio posts for a message a person sends to our number.</summary>
    public static Dictionary<string, string> InboundForm(string phone, string body) => new()
    {
        ["MessageSid"] = $"SM{Guid.NewGuid():N}", ["AccountSid"] = AccountSid, ["From"] = phone, ["To"] = From, ["Body"] = body, ["NumMedia"] = "0",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>X-Twilio-Signature as Twilio computes it: HMAC-SHA1 of the URL and the sorted fields, with the Auth Token.</summary>
    public static string Sign(string url, IReadOnlyDictionary<string, string> form, string token = AuthToken)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }

#pragma warning disable CA5350 // Twilio's webhook signature is HMAC-SHA1: the test must compute what Twilio computes.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    /// <summary>Posts a webhook as Twilio would, signed for the public URL unless a signature is given ("" for none).</summary>
    public Task<HttpResponseMessage> WebhookAsync(string path, Dictionary<string, string> form, string? signature = null) =>
        PostWebhookAsync(CreateClient(), PublicBaseUrl, path, form, signature);

    /// <summary>Posts a webhook as Twilio would, signed for the engine's address <paramref name="signedBaseUrl"/> unless a signature is given ("" for none).</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, string signedBaseUrl, string path, Dictionary<string, string> form, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature != "")
        {
            request.Headers.Add("X-Twilio-Signature", signature ?? Sign($"{signedBaseUrl}{path}", form));
        }

        return await client.SendAsync(request);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Twilio.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteSmsApp() : SmsApp(Data.DatabaseProvider.Sqlite);

public sealed class PostgresSmsApp() : SmsApp(Data.DatabaseProvider.Postgres);
