using Marketing.Sending;

namespace Marketing.Core.Tests.Sending;

public sealed class BackoffFacts
{
    /// <summary>After a transient refusal, the next try waits 30 s, then four times longer each time, never more than an hour.</summary>
    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 30)]
    [InlineData(2, 120)]
    [InlineData(3, 480)]
    [InlineData(4, 1920)]
    [InlineData(5, 3600)]
    [InlineData(6, 3600)]
    [InlineData(50, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void Backoff_AfterAttempts_WaitsThisLong(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SendClaims.Backoff(attempts));
}
