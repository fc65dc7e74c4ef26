using MimeKit;

namespace Marketing.Channels.Email;

/// <summary>
/// Mail for a machine with no SMTP relay: each message is written to a directory as an <c>.eml</c> file (open it with any
/// mail program) instead of being delivered. It goes through the same gate, dispatcher and records as relayed mail, and
/// is handed over the same way: written beside its final name first, marked, then renamed into place, so a file in the
/// directory is a whole message and a stop in between leaves at most one message interrupted.
/// </summary>
internal sealed class Outbox(string directory) : IMailDelivery
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public string Describe => $"the outbox directory {directory} (.eml files, not delivered)";

    public async Task<SmtpResult[]> SendAsync(IReadOnlyList<MimeMessage> messages, IHandOvers handOvers, CancellationToken ct)
    {
        var results = new SmtpResult[messages.Count];
        await _one.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(directory);
            (int, SmtpResult)? previous = null;
            for (var i = 0; i < messages.Count; i++)
            {
                // The record id is in the Message-ID: one file per message, whatever the number of tries.
                var name = $"{(messages[i].MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
                var writing = Path.Combine(directory, $".{name}.tmp");
                try
                {
                    await messages[i].WriteToAsync(writing, ct);
                }
                catch (IOException e)
                {
                    results[i] = new SmtpResult(SmtpOutcome.Transient, $"cannot write to the outbox: {e.Message}", ConnectionFailure: true);
                    continue;
                }

                if (!await handOvers.HandOverAsync(previous, i))
                {
                    File.Delete(writing);
                    results[i] = SmtpResult.Withheld;
                    previous = null;
                    continue;
                }

                File.Move(writing, Path.Combine(directory, name), overwrite: true);
                results[i] = new SmtpResult(SmtpOutcome.Sent);
                previous = (i, results[i]);
            }

            if (previous is { } last)
            {
                await handOvers.SettleAsync(last.Item1, last.Item2);
            }
        }
        finally
        {
            _one.Release();
        }

        return results;
    }

    public ValueTask DisposeAsync()
    {
        _one.Dispose();
        return ValueTask.CompletedTask;
    }
}
