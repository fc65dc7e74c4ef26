using MimeKit;

namespace Marketing.Channels.Email;

/// <summary>
/// Asked by a connection before each message it hands over, and told how the one before fared. A message goes only
/// when this answers true; the dispatcher writes the answer down before it does (<see cref="Sending.ClaimKeeper"/>).
/// </summary>
internal interface IHandOvers
{
    Task<bool> HandOverAsync((int Index, SmtpResult Result)? previous, int index);

    Task SettleAsync(int index, SmtpResult result);
}

/// <summary>Where composed messages go: the SMTP relay, or, with none configured, a directory.</summary>
internal interface IMailDelivery : IAsyncDisposable
{
    /// <summary>Said once at start: where mail goes.</summary>
    string Describe { get; }

    Task<SmtpResult[]> SendAsync(IReadOnlyList<MimeMessage> messages, IHandOvers handOvers, CancellationToken ct);
}
