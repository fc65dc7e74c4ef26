using System.Collections.Concurrent;
using System.Net;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Webhooks;

/// <summary>A webhook receiver on 127.0.0.1 (HttpListener): keeps every request it gets and answers with <see cref="Status"/>.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public sealed record Received(string? Id, string? Timestamp, string? Signature, string Body);

    public WebhookReceiver()
    {
        var port = LoopbackPort.Free();
        Url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public int Status { get; set; } = 204;
    public ConcurrentQueue<Received> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = await reader.ReadToEndAsync();
                Requests.Enqueue(new Received(context.Request.Headers["webhook-id"], context.Request.Headers["webhook-timestamp"],
                    context.Request.Headers["webhook-signature"], body));
            }

            context.Response.StatusCode = Status;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
