using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Marketing.Channels.Email;

public sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security, string? Username, string? Password, int Connections);

/// <summary>How one message fared at the SMTP server.</summary>
public enum SmtpOutcome
{
    Sent,
    /// <summary>4xx, or a connection that failed before the message was written whole: worth trying again later.</summary>
    Transient,
    /// <summary>5xx for this message or recipient: trying again would fail the same way.</summary>
    Permanent,
    /// <summary>The connection was lost once the message was written whole, before the relay answered: it may have arrived.</summary>
    Unknown,
    /// <summary>Not handed over: the pass no longer holds the message's claim (another pass took it over).</summary>
    Withheld,
}

/// <param name="ConnectionFailure">The connection could not be opened, or broke: counted apart from refusals of one message.</param>
public sealed record SmtpResult(SmtpOutcome Outcome, string? Error = null, bool ConnectionFailure = false)
{
    public static SmtpResult Withheld { get; } = new(SmtpOutcome.Withheld, "the claim was taken over by another pass");

    /// <summary>Whether the message certainly did not leave.</summary>
    public bool NotOut => Outcome is SmtpOutcome.Transient or SmtpOutcome.Permanent or SmtpOutcome.Withheld;
}

/// <summary>
/// A few SMTP connections kept open between batches, each used by one sender at a time. A batch is spread over
/// them; each connection hands its messages over one after the other, asking before each. A connection that
/// breaks is opened again for the next message; one that cannot be opened leaves the rest of the batch for later.
/// </summary>
internal sealed class SmtpPool(SmtpEndpoint endpoint) : IMailDelivery
{
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, Math.Max(1, endpoint.Connections)).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly SmtpClient[] _clients = [.. Enumerable.Range(0, Math.Max(1, endpoint.Connections)).Select(_ => new SmtpClient { Timeout = 30_000 })];

    public string Describe => $"SMTP relay {endpoint.Host}:{endpoint.Port}, {_clients.Length} connection(s)";

    public async Task<SmtpResult[]> SendAsync(IReadOnlyList<MimeMessage> messages, IHandOvers handOvers, CancellationToken ct)
    {
        var results = new SmtpResult[messages.Count];
        var next = -1;
        SmtpResult? unreachable = null;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(_clients.Length, messages.Count)).Select(async slot =>
        {
            await _locks[slot].WaitAsync(ct);
            try
            {
                var client = _clients[slot];
                (int, SmtpResult)? previous = null;
                int i;
                while ((i = Interlocked.Increment(ref next)) < messages.Count)
                {
                    // A relay that refuses connections is not asked again for every message of the batch.
                    if (Volatile.Read(ref unreachable) is { } down)
                    {
                        results[i] = down with { ConnectionFailure = false };
                        continue;
                    }

                    if (await ConnectAsync(client, ct) is { } failure)
                    {
                        Interlocked.CompareExchange(ref unreachable, failure, null);
                        results[i] = failure;
                        continue;
                    }

                    if (!await handOvers.HandOverAsync(previous, i))
                    {
                        results[i] = SmtpResult.Withheld;
                        previous = null;
                        continue;
                    }

                    results[i] = await SendOneAsync(client, messages[i], ct);
                    previous = (i, results[i]);
                }

                if (previous is { } last)
                {
                    await handOvers.SettleAsync(last.Item1, last.Item2);
                }
            }
            finally
            {
                _locks[slot].Release();
            }
        }));

        return results;
    }

    /// <returns>Null when connected; else why not, as the result of the message that could not go.</returns>
    private async Task<SmtpResult?> ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        if (client.IsConnected)
        {
            return null;
        }

        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct);
            if (endpoint.Username is not null)
            {
                await client.AuthenticateAsync(endpoint.Username, endpoint.Password ?? "", ct);
            }

            return null;
        }
        catch (Exception e) when (e is SmtpProtocolException or SmtpCommandException or IOException or SocketException or TimeoutException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException)
        {
            await DisconnectQuietlyAsync(client);
            return new SmtpResult(SmtpOutcome.Transient, $"cannot connect to {endpoint.Host}:{endpoint.Port}: {e.Message}", ConnectionFailure: true);
        }
    }

    private static async Task<SmtpResult> SendOneAsync(SmtpClient client, MimeMessage message, CancellationToken ct)
    {
        var progress = new DataProgress();
        try
        {
            await client.SendAsync(message, ct, progress);
            return new SmtpResult(SmtpOutcome.Sent);
        }
        catch (SmtpCommandException e)
        {
            // A refusal is an answer: the message did not go. The session stays usable, except after a refused DATA the
            // server may have closed it.
            var permanent = (int)e.StatusCode >= 500;
            await ResetAsync(client);
            return new SmtpResult(permanent ? SmtpOutcome.Permanent : SmtpOutcome.Transient, $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException or TimeoutException)
        {
            await DisconnectQuietlyAsync(client);
            // Until the whole message is written, the relay cannot take it (no final dot); after, it may have.
            return progress.Complete
                ? new SmtpResult(SmtpOutcome.Unknown, $"connection lost after the message was written: {e.Message}", ConnectionFailure: true)
                : new SmtpResult(SmtpOutcome.Transient, e.Message, ConnectionFailure: true);
        }
    }

    private static async Task ResetAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.NoOpAsync();
            }
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SmtpCommandException or ServiceNotConnectedException)
        {
            await DisconnectQuietlyAsync(client);
        }
    }

    private static async Task DisconnectQuietlyAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(false);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or SocketException or ServiceNotConnectedException)
        {
            // Already gone: the next message reconnects.
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await DisconnectQuietlyAsync(client);
            client.Dispose();
        }

        foreach (var gate in _locks)
        {
            gate.Dispose();
        }
    }

    /// <summary>
    /// Knows when the message was written whole: MailKit sends the final dot right after, so from then on a lost connection
    /// leaves the message's fate unknown; before, the relay cannot have taken it.
    /// </summary>
    private sealed class DataProgress : ITransferProgress
    {
        public bool Complete { get; private set; }

        public void Report(long bytesTransferred, long totalSize) => Complete |= totalSize > 0 && bytesTransferred >= totalSize;

        public void Report(long bytesTransferred)
        {
        }
    }
}
