using System.Net.Sockets;
using System.Text;

namespace Marketing.Server.Tests.PublicEndpoints.Properties;

/// <summary>How a body is framed on the wire: honestly, chunked, or with a Content-Length that lies.</summary>
public enum Framing
{
    Length,
    Chunked,
    LengthTooShort,
    LengthTooLong,
}

/// <summary>One generated request, sent as is: any method, path, headers, content type and bytes.</summary>
public sealed record HostileRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string? ContentType, byte[]? Body, Framing Framing = Framing.Length)
{
    /// <summary>What the engine answered: its status (0 when it closed the connection without one) and the start of its body.</summary>
    public sealed record Answer(int Status, string Body);

    public async Task<Answer> SendAsync(HttpClient client, Uri engine)
    {
        if (Framing is Framing.Length or Framing.Chunked && await TrySendWithClientAsync(client) is { } answer)
        {
            return answer;
        }

        return await SendRawAsync(engine);
    }

    private async Task<Answer?> TrySendWithClientAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = Framing == Framing.Chunked ? new StreamContent(new ForwardOnly(Body)) : new ByteArrayContent(Body);
            if (ContentType is not null && !request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType))
            {
                return null;
            }
        }

        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && (request.Content is null || !request.Content.Headers.TryAddWithoutValidation(name, value)))
            {
                return null;
            }
        }

        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return new Answer((int)response.StatusCode, text.Length > 600 ? text[..600] : text);
        }
        catch (HttpRequestException) when (!Headers.All(h => IsPlainHeader(h.Value)))
        {
            // The client refused to write a header the raw path can still send.
            return null;
        }
        catch (HttpRequestException e)
        {
            // The engine answered early (a 413 or 415 before the whole body was sent) and closed: no answer to judge.
            return new Answer(0, $"connection ended: {e.Message}");
        }
    }

    private static bool IsPlainHeader(string value) => value.All(c => c is >= ' ' and < '\u007F');

    /// <summary>Bytes on a socket: for lying lengths and header bytes HttpClient will not write.</summary>
    private async Task<Answer> SendRawAsync(Uri engine)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(engine.Host, engine.Port);
        var stream = tcp.GetStream();
        var body = Body ?? [];
        var declared = Framing switch
        {
            Framing.LengthTooShort => Math.Max(0, body.Length / 2),
            Framing.LengthTooLong => body.Length + 10,
            _ => body.Length,
        };
        var head = new StringBuilder($"{Method} {Path} HTTP/1.1\r\nHost: {engine.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (ContentType is not null)
        {
            head.Append("Content-Type: ").Append(ContentType).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(declared).Append("\r\n\r\n");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), timeout.Token);
            await stream.WriteAsync(body, timeout.Token);
            tcp.Client.Shutdown(SocketShutdown.Send);
            using var response = new MemoryStream();
            await stream.CopyToAsync(response, timeout.Token);
            var text = Encoding.Latin1.GetString(response.ToArray());
            var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var s) ? s : 0;
            return new Answer(status, text.Length > 600 ? text[..600] : text);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            return new Answer(0, $"connection ended: {e.Message}");
        }
    }

    public override string ToString()
    {
        var body = Body is null ? "(none)" : $"{Body.Length} bytes: {Printable(Body.AsSpan(0, Math.Min(Body.Length, 400)))}";
        return $"{Method} {Path} [{Framing}] Content-Type: {ContentType ?? "(none)"}; {string.Join("; ", Headers.Select(h => $"{h.Key}: {Printable(Encoding.Latin1.GetBytes(h.Value))}"))}; body {body}";
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7F ? (char)b : $"\\x{b:X2}");
        }

        return text.ToString();
    }
}

/// <summary>A body of unknown length, so that HttpClient sends it chunked.</summary>
public sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
