using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// Plays Twilio's Messages API on a loopback port (POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded,
/// 201 with Twilio-shaped JSON), records what it was asked, and can be told to fail the next requests.
/// The engine's real Twilio client reaches it through Marketing:Sms:ApiBaseUrl.
/// </summary>
public sealed class TwilioStub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requests = new();
    private readonly ConcurrentQueue<int> _failures = new();
    private int _failingWith;
    private int _failAfter = int.MaxValue;
    private readonly Task _loop;

    public TwilioStub()
    {
        Port = LoopbackPort.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every message request, as form fields (To, From, Body, StatusCallback…), with <c>_path</c> and <c>_sid</c> of the answer.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests => [.. _requests];

    public IReadOnlyList<IReadOnlyDictionary<string, string>> To(string phone) => [.. _requests.Where(r => r.GetValueOrDefault("To") == phone)];

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> with Twilio's error JSON.</summary>
    public void FailNext(int count, int status)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue(status);
        }
    }

    /// <summary>Every request from now on answers <paramref name="status"/> until <see cref="Recover"/>: Twilio having a bad while.</summary>
    public void FailAll(int status) => FailAllAfter(0, status);

    /// <summary>Accepts <paramref name="count"/> more messages, then answers <paramref name="status"/> to every request until <see cref="Recover"/>.</summary>
    public void FailAllAfter(int count, int status)
    {
        Volatile.Write(ref _failingWith, status);
        Volatile.Write(ref _failAfter, Accepted.Count + count);
    }

    public void Recover()
    {
        Volatile.Write(ref _failingWith, 0);
        Volatile.Write(ref _failAfter, int.MaxValue);
    }

    /// <summary>The requests that created a message (answered 201).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Accepted => [.. _requests.Where(r => r.ContainsKey("_sid"))];

    /// <summary>The status to fail the next request with, or 0.</summary>
    private int NextFailure()
    {
        if (_failures.TryDequeue(out var status))
        {
            return status;
        }

        var failing = Volatile.Read(ref _failingWith);
        return failing != 0 && _requests.Count(r => r.ContainsKey("_sid")) >= Volatile.Read(ref _failAfter) ? failing : 0;
    }

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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var form = ParseForm(await reader.ReadToEndAsync());
            var path = context.Request.Url!.AbsolutePath;
            var response = context.Response;
            response.ContentType = "application/json";
            object answer;
            if (context.Request.HttpMethod != "POST" || !path.StartsWith("/2010-04-01/Accounts/", StringComparison.Ordinal) || !path.EndsWith("/Messages.json", StringComparison.Ordinal))
            {
                response.StatusCode = 404;
                answer = new { code = 20404, message = "The requested resource was not found", more_info = "https://www.twilio.com/docs/errors/20404", status = 404 };
            }
            else if (NextFailure() is var status and not 0)
            {
                response.StatusCode = status;
                var code = status == 400 ? 21211 : status == 429 ? 20429 : 20500;
                // Twilio's own wording, which repeats the number.
                answer = new { code, message = status == 400 ? $"The 'To' number {form.GetValueOrDefault("To")} is not a valid phone number." : "Try again later", more_info = $"https://www.twilio.com/docs/errors/{code}", status };
                form["_path"] = path;
                form["_status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                _requests.Enqueue(form);
            }
            else
            {
                var sid = $"SM{Guid.NewGuid():N}";
                form["_path"] = path;
                form["_sid"] = sid;
                _requests.Enqueue(form);
                response.StatusCode = 201;
                var body = form.GetValueOrDefault("Body") ?? "";
                answer = new Dictionary<string, object?>
                {
                    ["sid"] = sid, ["account_sid"] = path.Split('/')[3], ["status"] = "queued", ["to"] = form.GetValueOrDefault("To"),
                    ["from"] = form.GetValueOrDefault("From"), ["messaging_service_sid"] = form.GetValueOrDefault("MessagingServiceSid"), ["body"] = body,
                    ["num_segments"] = Marketing.Channels.Sms.SmsSegments.Count(body).Segments.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["direction"] = "outbound-api", ["api_version"] = "2010-04-01", ["date_created"] = DateTimeOffset.UtcNow.ToString("R"),
                    ["uri"] = $"{path[..^5]}/{sid}.json",
                };
            }

            var bytes = JsonSerializer.SerializeToUtf8Bytes(answer);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
    }

    private static Dictionary<string, string> ParseForm(string body)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            form[WebUtility.UrlDecode(parts[0])] = parts.Length > 1 ? WebUtility.UrlDecode(parts[1]) : "";
        }

        return form;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener closing under a pending read: nothing left to serve.
        }
    }
}
