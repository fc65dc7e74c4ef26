using System.Net;
using Marketing.Server.Hosting;

namespace Marketing.Server.Diagnostics;

/// <summary>Metrics and traces: the Prometheus scrape endpoint (on, protected) and an OTLP exporter (off until configured).</summary>
public sealed class ObservabilitySettings
{
    public const string Section = "Marketing:Observability";

    public PrometheusSettings Prometheus { get; set; } = new();
    public OtlpSettings Otlp { get; set; } = new();

    public void Validate()
    {
        Setting.Require(Prometheus.Path.StartsWith('/') && Prometheus.Path.Length > 1 && Uri.IsWellFormedUriString(Prometheus.Path, UriKind.Relative)
            && !Prometheus.Path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase),
            $"{Section}:Prometheus:Path", "must be a path such as /metrics, outside /api/");
        for (var i = 0; i < Prometheus.AllowedNetworks.Count; i++)
        {
            Setting.Require(PrometheusSettings.TryParseNetwork(Prometheus.AllowedNetworks[i], out _),
                $"{Section}:Prometheus:AllowedNetworks:{i}", "must be an IP address or a CIDR network such as 10.0.0.0/8");
        }

        if (Otlp.Enabled)
        {
            Setting.Require(Otlp.Endpoint is null || (Uri.TryCreate(Otlp.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"),
                $"{Section}:Otlp:Endpoint", "must be an absolute http(s) URL, e.g. http://collector:4317");
            Setting.Require(Otlp.Protocol is "grpc" or "http/protobuf", $"{Section}:Otlp:Protocol", "must be grpc or http/protobuf");
        }
    }
}

public sealed class PrometheusSettings
{
    /// <summary>Serve the scrape endpoint. On by default: it answers only an admin key or an allowed network.</summary>
    public bool Enabled { get; set; } = true;
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Addresses or CIDR networks that may scrape without a key (the Prometheus server's). Empty by default: only an
    /// admin API key (unscoped, or scoped to <c>diagnostics</c>) reads the endpoint.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    public static bool TryParseNetwork(string value, out IPNetwork network)
    {
        if (IPNetwork.TryParse(value, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(value, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }
}

public sealed class OtlpSettings
{
    /// <summary>Export metrics and traces over OTLP. Off by default; the standard OTEL_EXPORTER_OTLP_* variables also apply.</summary>
    public bool Enabled { get; set; }
    /// <summary>The collector; the exporter's default (http://localhost:4317 for grpc) when unset.</summary>
    public string? Endpoint { get; set; }
    public string Protocol { get; set; } = "grpc";
}
