using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A customer's website: its own origin (localhost, while the engine is 127.0.0.1), serving one page under
/// a strict Content-Security-Policy that allows scripts and connections to the engine only.
/// </summary>
public sealed class SitePage : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SitePage(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    public Uri Origin { get; }
    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);

    public static async Task<SitePage> StartAsync(Uri engine, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var engineOrigin = engine.GetLeftPart(UriPartial.Authority);
        app.MapGet("/{**path}", (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; script-src {engineOrigin}; connect-src {engineOrigin}; form-action {engineOrigin}; style-src 'none'; img-src 'none'";
            return Results.Content($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Acme</title></head><body><main><h1>Join us</h1>{body}</main></body></html>", "text/html");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SitePage(app, new UriBuilder(address) { Host = "localhost" }.Uri);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
