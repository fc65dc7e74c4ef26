using System.Runtime.CompilerServices;
using Marketing.Channels.Email;
using Marketing.Sending;
using Marketing.Templates;
using MimeKit;

namespace Marketing.Core.Tests.Channels.Email;

public sealed class EmailComposerFacts
{
    private static readonly EmailComposer Composer = new(
        new EmailIdentity(MailboxAddress.Parse("Acme <news@acme.example>"), MailboxAddress.Parse("Acme <hello@acme.example>"), null, "acme.example"), null);

    /// <summary>
    /// A composed message must not outlive its send: MimeKit's address lists subscribe to their addresses' change
    /// events, so a From address shared between messages would keep every one of them alive.
    /// </summary>
    [Fact]
    public void AComposedMessage_IsNotKeptAliveByTheComposer()
    {
        var message = ComposeAndForget();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(message.TryGetTarget(out _));
    }

    [Fact]
    public void MarketingAndOtherMail_LeaveFromTheirOwnAddresses()
    {
        var marketing = Compose(MessageTypes.Marketing);
        var confirmation = Compose(MessageTypes.DoubleOptIn);

        Assert.Equal("news@acme.example", marketing.From.Mailboxes.Single().Address);
        Assert.Equal("hello@acme.example", confirmation.From.Mailboxes.Single().Address);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<MimeMessage> ComposeAndForget() => new(Compose(MessageTypes.Marketing));

    private static MimeMessage Compose(string type) => Composer.Compose(
        new SendRecord { Id = Guid.NewGuid(), Key = "k", Channel = "email", MessageType = type, TemplateKey = "t", Status = SendStatuses.Queued },
        "ana@example.com", new RenderedMessage("Hello", "<p>Hello</p>", "Hello"), "https://engine.example/email/unsubscribe/x", DateTimeOffset.UtcNow);
}
