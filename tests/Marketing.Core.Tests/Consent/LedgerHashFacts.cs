using System.Reflection;
using Marketing.Consent;

namespace Marketing.Core.Tests.Consent;

/// <summary>
/// The ledger's hash (R15, invariant 2), pinned by known answers and by a change to each field it covers.
/// The expected hashes were computed outside the engine, with sha256sum over the canonical text written out by
/// hand from <see cref="LedgerHash.Compute"/> for version 1 (the cleartext hash of the events older than ADR 16): a compact JSON array of the fields in code order, strings escaped
/// as System.Text.Json's default writer escapes them (non-ASCII and <c>" ' + &amp; &lt; &gt;</c> as <c>\uXXXX</c>).
/// </summary>
public sealed class LedgerHashFacts
{
    /// <summary>Every field set, with characters the canonical form must escape.</summary>
    internal static ConsentEvent Signup() => new()
    {
        HashVersion = LedgerHash.Cleartext,
        PreviousHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Id = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
        PersonId = Guid.Parse("11111111-2222-4333-8444-555555555555"),
        Sequence = 2,
        Identifier = "élodie.o'brien+news@example.com",
        IdentifierType = "email",
        PurposeId = Guid.Parse("22222222-3333-4444-8555-666666666666"),
        PurposeKey = "newsletter",
        Channel = "email",
        Regime = "fr",
        Status = "pending_confirmation",
        Method = "checkbox",
        OccurredAt = new DateTimeOffset(2026, 3, 2, 10, 15, 30, 123, TimeSpan.FromHours(1)),
        LocalOffsetMinutes = 60,
        NoticeVersionId = Guid.Parse("33333333-4444-4555-8666-777777777777"),
        NoticeVersion = 2,
        NoticeSha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        Locale = "fr",
        FormId = "newsletter-form",
        FormVersion = 4,
        PrivacyNoticeVersionId = Guid.Parse("44444444-5555-4666-8777-888888888888"),
        PrivacyNoticeVersion = 1,
        PageUrl = "https://www.acme.example/inscription?utm_source=a&utm_campaign=<bonjour>",
        Referrer = "https://search.example/?q=acme",
        IpAddress = "203.0.113.7",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) \"quoted\"",
        SubmissionId = Guid.Parse("55555555-6666-4777-8888-999999999999"),
    };

    /// <summary>A person's first event, every optional field empty.</summary>
    internal static ConsentEvent Stop() => new()
    {
        HashVersion = LedgerHash.Cleartext,
        Id = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c"),
        PersonId = Guid.Parse("11111111-2222-4333-8444-555555555555"),
        Sequence = 1,
        Identifier = "+33612345678",
        IdentifierType = "phone",
        PurposeId = Guid.Parse("66666666-7777-4888-8999-aaaaaaaaaaaa"),
        PurposeKey = "sms_offers",
        Channel = "sms",
        Regime = "fr",
        Status = "withdrawn",
        Method = "sms-keyword",
        OccurredAt = new DateTimeOffset(2027, 3, 2, 9, 0, 0, TimeSpan.Zero),
    };

    // printf '%s' '["9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
    //   "11111111-2222-4333-8444-555555555555",2,"\u00E9lodie.o\u0027brien\u002Bnews@example.com","email",
    //   "22222222-3333-4444-8555-666666666666","newsletter","email","fr","pending_confirmation","checkbox","639080397301230000",60,
    //   "33333333-4444-4555-8666-777777777777",2,"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824","fr",
    //   "newsletter-form",4,"44444444-5555-4666-8777-888888888888",1,
    //   "https://www.acme.example/inscription?utm_source=a\u0026utm_campaign=\u003Cbonjour\u003E","https://search.example/?q=acme",
    //   "203.0.113.7","Mozilla/5.0 (X11; Linux x86_64) \u0022quoted\u0022","55555555-6666-4777-8888-999999999999"]' | sha256sum
    // (one line, without the line breaks and indentation added here)
    private const string SignupHash = "40bd3618865bfe2266fbc80ad8c744e7caae1791dbd0aa02115cdcd497e413b4";

    // printf '%s' '[null,"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c","11111111-2222-4333-8444-555555555555",1,"\u002B33612345678","phone",
    //   "66666666-7777-4888-8999-aaaaaaaaaaaa","sms_offers","sms","fr","withdrawn","sms-keyword","639395748000000000",
    //   null,null,null,null,null,null,null,null,null,null,null,null,null,null]' | sha256sum
    private const string StopHash = "d738377d13f54f5b9bc67554128924d84db98ea6714905587c95e5a1d5dd8360";

    [Fact]
    public void Hash_OfAnEventWithEveryFieldSet_IsTheKnownAnswer() => Assert.Equal(SignupHash, Signup().Sealed().Hash);

    [Fact]
    public void Hash_OfAFirstEventWithNoOptionalField_IsTheKnownAnswer() => Assert.Equal(StopHash, Stop().Sealed().Hash);

    /// <summary>Each hashed field, and a value it could be rewritten to in storage (different from both events above).</summary>
    public static TheoryData<string, object?> Tampering => new()
    {
        { nameof(ConsentEvent.PreviousHash), "0000000000000000000000000000000000000000000000000000000000000000" },
        { nameof(ConsentEvent.Id), Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d") },
        { nameof(ConsentEvent.PersonId), Guid.Parse("11111111-2222-4333-8444-555555555556") },
        { nameof(ConsentEvent.Sequence), 3L },
        { nameof(ConsentEvent.Identifier), "someone.else@example.com" },
        { nameof(ConsentEvent.IdentifierType), "postal" },
        { nameof(ConsentEvent.PurposeId), Guid.Parse("22222222-3333-4444-8555-666666666667") },
        { nameof(ConsentEvent.PurposeKey), "partners" },
        { nameof(ConsentEvent.Channel), "phone" },
        { nameof(ConsentEvent.Regime), "fr-b2b" },
        { nameof(ConsentEvent.Status), "granted" },
        { nameof(ConsentEvent.Method), "api_import" },
        { nameof(ConsentEvent.OccurredAt), new DateTimeOffset(2026, 3, 2, 9, 15, 30, 124, TimeSpan.Zero) },
        { nameof(ConsentEvent.LocalOffsetMinutes), 120 },
        { nameof(ConsentEvent.NoticeVersionId), Guid.Parse("33333333-4444-4555-8666-777777777778") },
        { nameof(ConsentEvent.NoticeVersion), 3 },
        { nameof(ConsentEvent.NoticeSha256), "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9825" },
        { nameof(ConsentEvent.Locale), "en" },
        { nameof(ConsentEvent.FormId), "other-form" },
        { nameof(ConsentEvent.FormVersion), 5 },
        { nameof(ConsentEvent.PrivacyNoticeVersionId), Guid.Parse("44444444-5555-4666-8777-888888888889") },
        { nameof(ConsentEvent.PrivacyNoticeVersion), 2 },
        { nameof(ConsentEvent.PageUrl), "https://www.acme.example/other" },
        { nameof(ConsentEvent.Referrer), "https://elsewhere.example/" },
        { nameof(ConsentEvent.IpAddress), "198.51.100.66" },
        { nameof(ConsentEvent.UserAgent), "curl/8.0" },
        { nameof(ConsentEvent.SubmissionId), Guid.Parse("55555555-6666-4777-8888-99999999999a") },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public void ChangingAHashedField_ChangesTheHash(string field, object? value)
    {
        var sealedSignup = Signup().Sealed();
        var sealedStop = Stop().Sealed();

        // What verification does: recompute from the stored fields, compare with the stored hash.
        Assert.NotEqual(sealedSignup.Hash, LedgerHash.Compute(With(sealedSignup, field, value)));
        Assert.NotEqual(sealedStop.Hash, LedgerHash.Compute(With(sealedStop, field, value)));
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public void EmptyingAnOptionalField_ChangesTheHash(string field, object? value)
    {
        var property = typeof(ConsentEvent).GetProperty(field)!;
        if (!IsOptional(property))
        {
            Assert.NotNull(value); // required fields cannot be emptied; the case above covers them
            return;
        }

        var sealedSignup = Signup().Sealed();
        Assert.NotEqual(sealedSignup.Hash, LedgerHash.Compute(With(sealedSignup, field, null)));
    }

    /// <summary>
    /// A field added to the event but not to the table above (and so, perhaps, not to the hash) fails here. The fields of
    /// ADR 16 and the contact API's source and basis reference (R55) are not in a version-1 hash: <see cref="LedgerHashVersionsFacts"/>
    /// covers them.
    /// </summary>
    [Fact]
    public void TheTamperTable_NamesEveryStoredFieldButTheHash()
    {
        string[] committed = [nameof(ConsentEvent.Hash), nameof(ConsentEvent.HashVersion), nameof(ConsentEvent.PersonalSalt), nameof(ConsentEvent.PersonalDigest),
            nameof(ConsentEvent.ErasedAt), nameof(ConsentEvent.ErasureSeal), nameof(ConsentEvent.Source), nameof(ConsentEvent.BasisReference)];
        var stored = typeof(ConsentEvent).GetProperties().Select(p => p.Name).Where(n => !committed.Contains(n)).Order(StringComparer.Ordinal);
        var tampered = Tampering.Select(row => (string)row[0]).Order(StringComparer.Ordinal);

        Assert.Equal(stored, tampered);
    }

    [Fact]
    public void Sealing_DoesNotDependOnTheOffsetTheTimeWasGivenIn()
    {
        var utc = Signup();
        var shifted = With(utc, nameof(ConsentEvent.OccurredAt), new DateTimeOffset(2026, 3, 2, 9, 15, 30, 123, TimeSpan.Zero));

        Assert.Equal(SignupHash, shifted.Sealed().Hash);
    }

    internal static bool IsOptional(PropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null
        || (!property.PropertyType.IsValueType && new NullabilityInfoContext().Create(property).WriteState == NullabilityState.Nullable);

    /// <summary>A copy of the stored row with one column rewritten, as a hand in the database would leave it.</summary>
    internal static ConsentEvent With(ConsentEvent source, string field, object? value)
    {
        var copy = new ConsentEvent { Identifier = "", IdentifierType = "", PurposeKey = "", Channel = "", Regime = "", Status = "", Method = "" };
        foreach (var property in typeof(ConsentEvent).GetProperties().Where(p => p.Name != nameof(ConsentEvent.Hash)))
        {
            property.SetValue(copy, property.Name == field ? value : property.GetValue(source));
        }

        return copy;
    }
}
