using System.Net;
using System.Net.Http.Headers;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Jobs;

namespace Marketing.Server.Tests.Hosting;

/// <summary>
/// Guessing is slowed per client address: wrong admin keys and unknown tokens on the email pages
/// count against the address (an IPv6 /64 counts as one), and past the limit it gets 429 with Retry-After.
/// </summary>
public abstract class ClientLimitFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private const int Guesses = 300;

    [Fact]
    public async Task WrongAdminKeys_FromOneAddress_Get429_WhileTheRightKeyStillWorksFromAnother()
    {
        var guesser = UniqueIpv4();
        var key = await app.CreateKeyAsync(ApiKeyRole.Admin);
        using var client = app.CreateClient();

        HttpResponseMessage? refused = null;
        for (var i = 0; i < Guesses && refused is null; i++)
        {
            var response = await SendAsync(client, "/api/admin/me", guesser, $"mk_guess{i:D6}_wrongsecretwrongsecretwrongsecret");
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        // Locked out, the right key too: a guesser who finds it learns nothing from the answer.
        var rightKeyFromTheGuesser = await SendAsync(client, "/api/admin/me", guesser, key);
        var rightKeyElsewhere = await SendAsync(client, "/api/admin/me", UniqueIpv4(), key);

        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightKeyFromTheGuesser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightKeyElsewhere.StatusCode);
    }

    [Fact]
    public async Task RequestsWithoutAnyKey_AreNotCountedAsGuesses()
    {
        var address = UniqueIpv4();
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            statuses.Add((await SendAsync(client, "/api/admin/me", address, null)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Theory]
    [InlineData("GET", "/email/unsubscribe/{0}")]
    [InlineData("POST", "/email/unsubscribe/{0}")]
    [InlineData("GET", "/email/preferences/{0}")]
    [InlineData("POST", "/email/confirm/{0}")]
    [InlineData("GET", "/email/click/{0}/{0}")]
    public async Task GuessedTokens_FromOneAddress_Get429_AndOtherAddressesAreServed(string method, string pattern)
    {
        var guesser = UniqueIpv4();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Guesses; i++)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, $"CfDJ8guess{i:D6}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
            request.Headers.Add(TestEndpoints.ClientAddressHeader, guesser);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        using var other = new HttpRequestMessage(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, "another-guess"));
        other.Headers.Add(TestEndpoints.ClientAddressHeader, UniqueIpv4());
        var elsewhere = await client.SendAsync(other);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task AddressesOfOneIpv6Slash64_ShareOneBucket()
    {
        var prefix = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 100; i++)
        {
            // A host given a /64 rotates through its addresses: each guess from a new one.
            statuses.Add((await SendAsync(client, "/api/admin/me", $"{prefix}:{i:x}:{Random.Shared.Next(1, 0xffff):x}:0:{i:x}", "mk_rotating_wrongsecretwrongsecretwrongsecret")).StatusCode);
        }

        var neighbourNetwork = await SendAsync(client, "/api/admin/me", $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}::1", await app.CreateKeyAsync(ApiKeyRole.Admin));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, neighbourNetwork.StatusCode);
    }

    [Fact]
    public async Task PublicLimit_CountsAnIpv6Slash64AsOneAddress()
    {
        var prefix = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 130; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/public/sites/nothing-here");
            request.Headers.Add(TestEndpoints.ClientAddressHeader, $"{prefix}::{i:x}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string address, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestEndpoints.ClientAddressHeader, address);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>An address no other test uses, so each test starts with a fresh count.</summary>
    private static string UniqueIpv4() => $"198.18.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
}

public sealed class ClientLimitFacts_OnSqlite(SqliteApp app) : ClientLimitFacts<SqliteApp>(app);

public sealed class ClientLimitFacts_OnPostgres(PostgresApp app) : ClientLimitFacts<PostgresApp>(app);
