using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Marketing.Email;

public sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security, string? Username, string? Password, int Connections);

/// <summary>How one message fared at the SMTP server.</summary>
public enum SmtpOutcome
{
    Sent,
    /// <summary>4xx, a dropped connection or a timeout: worth trying again later.</summary>
    Transient,
    /// <summary>5xx for this message or recipient: trying again would fail the same way.</summary>
    Permanent,
}

public sealed record SmtpResult(SmtpOutcome Outcome, string? Error = null);

/// <summary>
/// A few SMTP connections kept open between batches, each used by one sender at a time. A batch is spread
/// over them; a connection that breaks is opened again for the next message.
/// </summary>
internal sealed class SmtpPool(SmtpEndpoint endpoint) : IAsyncDisposable
{
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, Math.Max(1, endpoint.Connections)).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly SmtpClient[] _clients = [.. Enumerable.Range(0, Math.Max(1, endpoint.Connections)).Select(_ => new SmtpClient { Timeout = 30_000 })];

    public int Connections => _clients.Length;

    public async Task<SmtpResult[]> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
    {
        var results = new SmtpResult[messages.Count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(_clients.Length, messages.Count)).Select(async slot =>
        {
            await _locks[slot].WaitAsync(ct);
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < messages.Count)
                {
                    results[i] = await SendOneAsync(_clients[slot], messages[i], ct);
                }
            }
            finally
            {
                _locks[slot].Release();
            }
        }));
        return results;
    }

    private async Task<SmtpResult> SendOneAsync(SmtpClient client, MimeMessage message, CancellationToken ct)
    {
        try
        {
            if (!client.IsConnected)
            {
                await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, ct);
                if (endpoint.Username is not null)
                {
                    await client.AuthenticateAsync(endpoint.Username, endpoint.Password ?? "", ct);
                }
            }

            await client.SendAsync(message, ct);
            return new SmtpResult(SmtpOutcome.Sent);
        }
        catch (SmtpCommandException e)
        {
            // A rejected command leaves the session usable, except after a rejected DATA the server may have closed it.
            var permanent = (int)e.StatusCode >= 500;
            await ResetAsync(client);
            return new SmtpResult(permanent ? SmtpOutcome.Permanent : SmtpOutcome.Transient, $"{(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
            or TimeoutException or AuthenticationException or SslHandshakeException)
        {
            await DisconnectQuietlyAsync(client);
            return new SmtpResult(SmtpOutcome.Transient, e.Message);
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
}
