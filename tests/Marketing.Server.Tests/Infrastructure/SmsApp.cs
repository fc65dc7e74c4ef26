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

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Marketing:Jobs:RunServer"] = "false",
        ["Marketing:PublicBaseUrl"] = PublicBaseUrl,
        ["Marketing:Email:LegalName"] = "Acme SAS",
        ["Marketing:Email:PostalAddress"] = "1 rue de l'Exemple, 75001 Paris",
        ["Marketing:Sms:AccountSid"] = AccountSid,
        ["Marketing:Sms:AuthToken"] = AuthToken,
        ["Marketing:Sms:From"] = From,
        ["Marketing:Sms:SenderName"] = SenderName,
        ["Marketing:Sms:MaxAttempts"] = "3",
        ["Marketing:Sms:ApiBaseUrl"] = Twilio.BaseUrl,
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

    /// <summary>Posts a webhook as Twilio would, signed for the public URL unless a signature is given.</summary>
    public async Task<HttpResponseMessage> WebhookAsync(string path, Dictionary<string, string> form, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature != "")
        {
            request.Headers.Add("X-Twilio-Signature", signature ?? Sign($"{PublicBaseUrl}{path}", form));
        }

        return await CreateClient().SendAsync(request);
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
