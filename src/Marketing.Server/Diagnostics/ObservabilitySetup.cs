using System.Diagnostics;
using System.Net;
using Marketing.Access;
using Marketing.Diagnostics;
using Marketing.Sending;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Authorization;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Marketing.Server.Diagnostics;

/// <summary>
/// OpenTelemetry for the engine: the product's meters, ASP.NET Core and HttpClient metrics, the Hangfire queue gauges,
/// a Prometheus scrape endpoint guarded by <see cref="MetricsAccessRequirement"/>, and, when configured, OTLP export of
/// metrics and traces (ASP.NET Core, HttpClient, EF Core, jobs) with every attribute that could name a person removed.
/// </summary>
public static class ObservabilitySetup
{
    public const string ScrapePolicy = "metrics-scrape";
    public const string ServiceName = "marketing";

    public static IServiceCollection AddObservability(this IServiceCollection services, ResolvedSettings settings)
    {
        var observability = settings.Raw.Observability;
        var otlp = observability.Otlp;
        // No generated service.instance.id: a GUID label would look like a person's id and change on every start.
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MarketingMetrics.MeterName, SendingMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (observability.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp.Enabled)
                {
                    metrics.AddOtlpExporter(o => Configure(o, otlp));
                }
            });
        if (otlp.Enabled)
        {
            // Traces only leave through OTLP; without it they would be recorded for nobody.
            telemetry.WithTracing(tracing => tracing
                .AddSource(MarketingMetrics.MeterName)
                .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                .AddHttpClientInstrumentation(o => o.RecordException = false)
                .AddEntityFrameworkCoreInstrumentation()
                .AddProcessor(new PersonalDataScrubber())
                .AddOtlpExporter(o => Configure(o, otlp)));
        }

        services.AddHostedService<JobQueueGauges>();
        var networks = observability.Prometheus.AllowedNetworks
            .Select(n => PrometheusSettings.TryParseNetwork(n, out var network) ? network : throw new StartupException($"invalid network {n}"))
            .ToList();
        services.AddAuthorizationBuilder().AddPolicy(ScrapePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .AddRequirements(new MetricsAccessRequirement(networks)));
        return services;
    }

    /// <summary>The scrape endpoint, when on: an admin key or an allowed network (the Prometheus server's) reads it.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app, ResolvedSettings settings)
    {
        var prometheus = settings.Raw.Observability.Prometheus;
        if (prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(prometheus.Path).WithName("ScrapeMetrics").WithTags("Diagnostics").RequireAuthorization(ScrapePolicy);
        }

        return app;
    }

    private static void Configure(OtlpExporterOptions options, OtlpSettings otlp)
    {
        if (otlp.Endpoint is { } endpoint)
        {
            options.Endpoint = new Uri(endpoint);
        }

        options.Protocol = otlp.Protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}

/// <summary>
/// Who may read the metrics: a client in <c>Marketing:Observability:Prometheus:AllowedNetworks</c>, or an admin API key
/// whose scopes reach <c>diagnostics</c>. Anyone else gets 401 (no key) or 403 (another key).
/// </summary>
public sealed class MetricsAccessRequirement(IReadOnlyList<IPNetwork> allowed) : AuthorizationHandler<MetricsAccessRequirement>, IAuthorizationRequirement
{
    public const string Scope = "diagnostics";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        var client = (context.Resource as HttpContext)?.Connection.RemoteIpAddress;
        if (client is not null && client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        var fromAllowedNetwork = client is not null && requirement.Allows(client);
        var adminKey = context.User.IsInRole(ApiKeyRoles.Admin)
            && ApiKeyScopes.Allows([.. context.User.FindAll(KeyScopeRequirement.ClaimType).Select(c => c.Value)], Scope);
        if (fromAllowedNetwork || adminKey)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool Allows(IPAddress client) => allowed.Any(n => n.Contains(client));
}

/// <summary>
/// Removes from every span what could name a person before it leaves: paths and queries (tokens, ids), full URLs,
/// client addresses, user agents, and error descriptions (a database message can quote a value). The route template
/// (<c>http.route</c>) stays.
/// </summary>
internal sealed class PersonalDataScrubber : BaseProcessor<Activity>
{
    private static readonly string[] Removed =
    [
        "url.path", "url.query", "url.full", "http.url", "http.target", "client.address", "client.port", "network.peer.address",
        "network.peer.port", "net.peer.ip", "user_agent.original", "http.user_agent", "enduser.id", "exception.message", "exception.stacktrace",
    ];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in Removed)
        {
            data.SetTag(tag, null);
        }

        if (data.Status == ActivityStatusCode.Error)
        {
            data.SetStatus(ActivityStatusCode.Error);
        }
    }
}
