using Marketing.Suppression;

namespace Marketing.Core.Tests.Suppression;

/// <summary>
/// The suppression list's keyed hash (R34) must not move between versions: an erased person is kept out only by the
/// hash stored at the time. Expected values: HMAC-SHA256 computed outside the engine (Python's hmac module) with the key below.
/// </summary>
public sealed class AddressHasherFacts
{
    private const string Secret = "test-suppression-secret-0123456789abcdef";
    private const string AnaHash = "b052971e865fedd0239c55db6bc25a4529cb7b04e98c4c18a914381f20118862";
    private const string MobileHash = "daae1c5b99e9e70ac18c8a7e0f0d0f7675206e1cd92a47fcc35926b5cc075e4a";

    [Theory]
    [InlineData("ana@example.com", AnaHash)]
    [InlineData("  Ana@Example.COM ", AnaHash)]
    [InlineData("+33612345678", MobileHash)]
    [InlineData("06 12 34 56 78", MobileHash)]
    [InlineData("+33 6 12 34 56 78", MobileHash)]
    public void Hash_OfAnAddressAsWritten_IsTheKnownAnswerOfItsNormalForm(string written, string expected)
    {
        var hasher = new AddressHasher(Secret);

        Assert.True(hasher.TryHash(written, "FR", out var hash));
        Assert.Equal(expected, hash);
    }
}
