using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package): the engine's MailKit client talks SMTP
/// to it over a socket, and tests read back the exact bytes it received.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly Task _running;

    public sealed record Received(byte[] Raw, MimeMessage Message, IReadOnlyList<string> Recipients);

    /// <summary>Answer for a recipient instead of accepting: e.g. 550 for a dead mailbox, 451 for a busy one.</summary>
    public Func<string, SmtpResponse?>? Reject { get; set; }

    public SmtpSink()
    {
        Port = LoopbackPort.Free();
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<Received> Messages => [.. _received];

    public IReadOnlyList<Received> To(string address) =>
        [.. _received.Where(r => r.Recipients.Contains(address, StringComparer.OrdinalIgnoreCase))];

    public async Task<Received> WaitForAsync(string address, int count = 1, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            var got = To(address);
            if (got.Count >= count)
            {
                return got[count - 1];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no message #{count} for {address} within {seconds} s; the sink holds {_received.Count}");
    }


    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            foreach (var recipient in recipients)
            {
                if (sink.Reject?.Invoke(recipient) is { } refusal)
                {
                    return Task.FromResult(refusal);
                }
            }

            var raw = buffer.ToArray();
            sink._received.Enqueue(new Received(raw, MimeMessage.Load(new MemoryStream(raw), CancellationToken.None), recipients));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
