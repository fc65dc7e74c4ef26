using System.Collections.Concurrent;
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
/// a strict Content-Security-Policy that allows scripts and connections to the engine only, plus, when the
/// site has files of its own (the scripts a banner blocks), scripts and images from itself. Never inline
/// script or style, never eval.
/// </summary>
public sealed class SitePage : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SitePage(WebApplication app, Uri origin, ConcurrentQueue<string> requests)
    {
        _app = app;
        Origin = origin;
        Requests = requests;
    }

    public Uri Origin { get; }
    public string OriginText => Origin.GetLeftPart(UriPartial.Authority);
    /// <summary>Every path the browser asked this site for, in order.</summary>
    public ConcurrentQueue<string> Requests { get; }

    /// <param name="lang">The page's <c>lang</c>; null for a page that does not say.</param>
    /// <param name="files">Paths (e.g. <c>/analytics.js</c>) served with their content type and body.</param>
    public static async Task<SitePage> StartAsync(Uri engine, string body, string? lang = "en", IReadOnlyDictionary<string, (string ContentType, string Body)>? files = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var engineOrigin = engine.GetLeftPart(UriPartial.Authority);
        var own = files is { Count: > 0 } ? " 'self'" : "";
        var requests = new ConcurrentQueue<string>();
        app.MapGet("/{**path}", (HttpContext context) =>
        {
            requests.Enqueue(context.Request.Path);
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; script-src {engineOrigin}{own}; connect-src {engineOrigin}; form-action {engineOrigin}; style-src 'none'; img-src{(own == "" ? " 'none'" : own)}";
            if (files is not null && files.TryGetValue(context.Request.Path, out var file))
            {
                return Results.Content(file.Body, file.ContentType);
            }

            var language = lang is null ? "" : $" lang=\"{lang}\"";
            return Results.Content($"<!doctype html><html{language}><head><meta charset=\"utf-8\"><title>Acme</title></head><body><main><h1>Join us</h1>{body}</main></body></html>", "text/html");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SitePage(app, new UriBuilder(address) { Host = "localhost" }.Uri, requests);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
