using System.Net.Http.Headers;
using Marketing.Access;
using Marketing.Data;
using Marketing.Channels.Email;
using Marketing.Sending;
using Marketing.Channels.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

public static class AppExtensions
{
    public static async Task<string> CreateKeyAsync(this MarketingApp app, ApiKeyRole role, string? name = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var created = await CreateApiKey.HandleAsync(db, TimeProvider.System, name ?? $"test-{role}", role, "test", CancellationToken.None);
        return created.Key;
    }

    public static async Task<HttpClient> ClientAsAsync(this MarketingApp app, ApiKeyRole role)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateKeyAsync(role));
        return client;
    }

    public static T InScope<T>(this MarketingApp app, Func<MarketingDbContext, T> query)
    {
        using var scope = app.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }

    public static async Task<T> InScopeAsync<T>(this MarketingApp app, Func<MarketingDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }

    public static async Task InScopeAsync(this MarketingApp app, Func<MarketingDbContext, Task> work)
    {
        using var scope = app.Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<MarketingDbContext>());
    }

    /// <summary>Runs an email dispatch pass now, as the engine's Hangfire job would.</summary>
    public static Task<DispatchReport> DispatchEmailAsync(this MarketingApp app) =>
        app.InScopeAsync(db => app.Services.GetRequiredService<EmailDispatcher>().DispatchDueAsync(db, "test", CancellationToken.None));

    /// <summary>Runs an SMS dispatch pass now, as the engine's Hangfire job would.</summary>
    public static Task<DispatchReport> DispatchSmsAsync(this MarketingApp app) =>
        app.InScopeAsync(db => app.Services.GetRequiredService<SmsDispatcher>().DispatchDueAsync(db, "test", CancellationToken.None));
}
