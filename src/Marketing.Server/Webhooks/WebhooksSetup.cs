using System.Net;
using System.Net.Sockets;
using Hangfire;
using Marketing.Data;
using Marketing.Server.Hosting;
using Marketing.Server.Jobs;
using Marketing.Webhooks;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketing.Server.Webhooks;

public static class WebhooksSetup
{
    public const string HttpClientName = "webhooks";

    public static IServiceCollection AddWebhooks(this IServiceCollection services, ResolvedSettings settings)
    {
        var webhooks = settings.Raw.Webhooks;
        services.AddSingleton(new WebhookDeliveryOptions(webhooks.MaxAttempts, webhooks.DisableAfterFailures, TimeSpan.FromSeconds(webhooks.TimeoutSeconds)));
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookOutboxInterceptor>();
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect could lead anywhere, inside included: a receiver answers where it was added.
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = (context, ct) => ConnectAsync(context, webhooks.AllowPrivateAddresses, ct),
            });
        services.AddScoped(provider => new DeliverWebhooks(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<WebhookDeliveryOptions>(), provider.GetRequiredService<ILogger<DeliverWebhooks>>()));
        return services;
    }

    /// <summary>
    /// SSRF, at the moment of connecting: the addresses DNS gives now are checked, not the ones it gave when the
    /// endpoint was added, so a name that has since been pointed inside is refused.
    /// </summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => allowPrivate || !WebhookAddresses.IsPrivate(a)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"{host} resolves to no public address (Marketing:Webhooks:AllowPrivateAddresses is off)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>Starts a delivery pass soon after a save that staged webhook events; the minutely pass catches the rest.</summary>
public sealed class WebhookSignal(IBackgroundJobClient jobs) : PassSignal
{
    protected override void Enqueue() => jobs.Enqueue<DeliverWebhooksJob>(job => job.RunAsync(CancellationToken.None));
}

/// <summary>
/// Leaves out of a save the outbox events no enabled endpoint subscribes to, and asks for a pass when some are left.
/// A pass may run before an enclosing transaction commits and find nothing; the events then wait for the minutely
/// pass, never longer.
/// </summary>
public sealed class WebhookOutboxInterceptor(WebhookSignal signal) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && await WebhookOutbox.DropUnwantedAsync(db, cancellationToken))
        {
            signal.Notify();
        }

        return result;
    }
}
