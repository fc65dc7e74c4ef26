using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net.Dns;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A real DNS server on the loopback interface that answers TXT queries from records a test sets: the engine's
/// checks resolve over UDP and TCP exactly as they would against a public resolver.
/// </summary>
public sealed class DnsZone : IDisposable
{
    private readonly ConcurrentDictionary<string, string[]> _txt = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.OrdinalIgnoreCase);
    private readonly DnsServer _server;

    public DnsZone()
    {
        Port = FreePort();
        var endpoint = new IPEndPoint(IPAddress.Loopback, Port);
        _server = new DnsServer([new UdpServerTransport(endpoint, 5000), new TcpServerTransport(endpoint, 5000, 5000)]);
        _server.QueryReceived += AnswerAsync;
        _server.Start();
    }

    public int Port { get; }

    /// <summary>Publishes TXT records at <paramref name="name"/>, replacing what was there; none removes the name.</summary>
    public void Set(string name, params string[] txt)
    {
        if (txt.Length == 0)
        {
            _txt.TryRemove(name, out _);
        }
        else
        {
            _txt[name] = txt;
        }
    }

    /// <summary>Makes the server answer SERVFAIL for <paramref name="name"/> (or answer again, when <paramref name="failing"/> is false).</summary>
    public void Fail(string name, bool failing = true)
    {
        if (failing)
        {
            _failing[name] = true;
        }
        else
        {
            _failing.TryRemove(name, out _);
        }
    }

    private Task AnswerAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query)
        {
            return Task.CompletedTask;
        }

        var response = query.CreateResponseInstance();
        foreach (var question in query.Questions)
        {
            if (question.RecordType == RecordType.Txt && _txt.TryGetValue(question.Name.ToString().TrimEnd('.'), out var texts))
            {
                // A character-string holds at most 255 bytes: longer records (DKIM keys) travel as several, as zone files publish them.
                response.AnswerRecords.AddRange(texts.Select(t => new TxtRecord(question.Name, 60, t.Chunk(255).Select(c => new string(c)))));
            }
        }

        response.ReturnCode = query.Questions.Any(q => _failing.ContainsKey(q.Name.ToString().TrimEnd('.'))) ? ReturnCode.ServerFailure
            : response.AnswerRecords.Count > 0 ? ReturnCode.NoError : ReturnCode.NxDomain;
        e.Response = response;
        return Task.CompletedTask;
    }

    /// <summary>A port free for both UDP and TCP on the loopback interface.</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }
    }

    public void Dispose() => _server.Stop();
}
