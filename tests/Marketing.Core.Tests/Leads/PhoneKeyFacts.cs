using Marketing.Leads;

namespace Marketing.Core.Tests.Leads;

/// <summary>The one form a number is suppressed, hashed and looked up in (R58, R64: STOP reaches the number it came from).</summary>
public sealed class PhoneKeyFacts
{
    [Theory]
    [InlineData("+33612345678", "+33612345678")] // valid: as libphonenumber writes it
    [InlineData(" +33 6 12 34 56 78 ", "+33612345678")] // valid, spaced: the same number
    [InlineData("+33639123456", "+33639123456")] // a block libphonenumber does not know: still the number Twilio gave
    [InlineData("+12025550123", "+12025550123")]
    [InlineData("0612345678", null)] // no country: cannot be told apart from another country's number
    [InlineData("+0612345678", null)] // no country code starts with 0
    [InlineData("+336391", null)] // too short for E.164
    [InlineData("+3363912345678901", null)] // too long for E.164
    [InlineData("+33639-123-456", null)] // unknown and not written in E.164
    [InlineData("ACME", null)] // an alphanumeric sender
    [InlineData("", null)]
    [InlineData(null, null)]
    public void PhoneKey_IsE164_ForKnownNumbers_AndForUnknownOnesWrittenInE164(string? number, string? key) =>
        Assert.Equal(key, Identifiers.PhoneKey(number));
}
