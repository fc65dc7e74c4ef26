using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

public sealed class SendClaimsFacts
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 1920)]
    [InlineData(5, 3600)]
    [InlineData(9, 3600)]
    public void Backoff_GrowsFourfoldFromThirtySeconds_UpToAnHour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SendClaims.Backoff(attempts));

    [Theory]
    [InlineData("550 5.1.1 <ana.lopez@example.com>: Recipient address rejected", "550 5.1.1 <[address]>: Recipient address rejected")]
    [InlineData("Twilio 400 (code 21211): The 'To' number +33612345678 is not a valid phone number.", "Twilio 400 (code 21211): The 'To' number [address] is not a valid phone number.")]
    [InlineData("451 4.7.1 try again later", "451 4.7.1 try again later")]
    [InlineData("cannot connect to 127.0.0.1:2525: Connection refused", "cannot connect to 127.0.0.1:2525: Connection refused")]
    public void Redact_RemovesAddressesAndNumbers_AndKeepsStatusCodes(string error, string logged) =>
        Assert.Equal(logged, SendClaims.Redact(error));

    [Theory]
    [InlineData("web-1:4242:0123456789abcdef", "web-1:4242")]
    [InlineData("deadhost:7:aa", "deadhost:7")]
    public void NodeOf_IsTheClaimWithoutItsBatch(string claim, string node) => Assert.Equal(node, SendClaims.NodeOf(claim));
}
