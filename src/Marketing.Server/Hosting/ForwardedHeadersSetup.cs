using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Marketing.Server.Hosting;

/// <summary>Believes forwarding headers from the configured proxies only; from anyone else they are ignored.</summary>
public static class ForwardedHeadersSetup
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, ResolvedSettings settings)
    {
        if (settings.Raw.Http.TrustedProxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var entry in settings.Raw.Http.TrustedProxies)
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }

        return app.UseForwardedHeaders(options);
    }
}
