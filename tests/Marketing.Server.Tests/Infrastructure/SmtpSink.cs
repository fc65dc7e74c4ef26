using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Mail;
using SmtpServer.Net;
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
    private volatile bool _down;
    private int _downAfter = int.MaxValue;

    public sealed record Received(byte[] Raw, MimeMessage Message, IReadOnlyList<string> Recipients);

    /// <summary>Answer for a recipient instead of accepting: e.g. 550 for a dead mailbox, 451 for a busy one.</summary>
    public Func<string, SmtpResponse?>? Reject { get; set; }

    public SmtpSink()
    {
        Port = LoopbackPort.Free();
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Door(this));
        services.Add(new Doorway(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>
    /// While down, the relay answers a new transaction 421 and closes the connection, and closes every new connection at
    /// once (a relay being restarted or failed over): no message that was already on its way is cut off.
    /// </summary>
    public bool Down
    {
        get => _down;
        set
        {
            // Back up means up until told otherwise: a GoDownAfter already reached does not bring it down again.
            Volatile.Write(ref _downAfter, int.MaxValue);
            _down = value;
        }
    }

    /// <summary>Goes down once it has accepted <paramref name="count"/> more messages: in the middle of a batch, at a point a test chooses.</summary>
    public void GoDownAfter(int count) => Volatile.Write(ref _downAfter, _received.Count + count);

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
            if (sink._received.Count >= Volatile.Read(ref sink._downAfter))
            {
                sink._down = true;
            }

            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    /// <summary>Refuses a new transaction while the relay is down, and hangs up.</summary>
    private sealed class Door(SmtpSink sink) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            sink._down ? throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "4.3.2 relay going down"), quit: true)
                : Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) => Task.FromResult(true);
    }

    /// <summary>Accepts connections as usual, except while the relay is down: then it closes each one before the greeting.</summary>
    private sealed class Doorway(SmtpSink sink) : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition) => new Listener(sink, new EndpointListenerFactory().CreateListener(endpointDefinition));

        private sealed class Listener(SmtpSink sink, IEndpointListener inner) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                while (true)
                {
                    var pipe = await inner.GetPipeAsync(context, cancellationToken);
                    if (!sink._down)
                    {
                        return pipe;
                    }

                    pipe.Dispose();
                    context.Properties.Remove(EndpointListener.LocalEndPointKey);
                    context.Properties.Remove(EndpointListener.RemoteEndPointKey);
                }
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
