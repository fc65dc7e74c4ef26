using Marketing.Consent;
using static Marketing.Core.Tests.Consent.LedgerHashFacts;

namespace Marketing.Core.Tests.Consent;

/// <summary>
/// ADR 16: a version-2 event's hash covers a salted commitment to its personal fields instead of the fields, so an
/// erasure (R38) removes the fields and the salt and the chain still verifies (R15); version-1 events keep verifying
/// as before, and get a seal when erased. Every case is checked the way verification does it, with <see cref="LedgerHash.Check"/>.
/// </summary>
public sealed class LedgerHashVersionsFacts
{
    private const string Salt = "0000000000000000000000000000000000000000000000000000000000000000";
    private static readonly DateTimeOffset ErasedAt = new(2029, 1, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The STOP event of <see cref="LedgerHashFacts"/>, sealed as version 2 with a known salt.</summary>
    private static ConsentEvent CommittedStop() => With(Stop(), nameof(ConsentEvent.HashVersion), LedgerHash.Committed) is var e
        ? With(e, nameof(ConsentEvent.PersonalSalt), Salt).Sealed() : null!;

    private static ConsentEvent CommittedSignup() => With(With(Signup(), nameof(ConsentEvent.HashVersion), LedgerHash.Committed), nameof(ConsentEvent.PersonalSalt), Salt).Sealed();

    // printf '%s' '["0000000000000000000000000000000000000000000000000000000000000000","\u002B33612345678",null,null,null,null]' | sha256sum
    private const string StopDigest = "b958aef54ab2b8b317459156cce550b8de37bbf6c3389f3d1d54392a5ef16dc3";

    // printf '%s' '[2,null,"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c","11111111-2222-4333-8444-555555555555",1,"phone",
    //   "66666666-7777-4888-8999-aaaaaaaaaaaa","sms_offers","sms","fr","withdrawn","sms-keyword","639395748000000000",
    //   null,null,null,null,null,null,null,null,null,null,"b958aef5…16dc3"]' | sha256sum   (one line, the digest in full)
    private const string StopHash = "41d9143de4476f46c0fe6463d3c46c8ce07af35b4c2dbdde180e312e5e91546d";

    [Fact]
    public void CommittedHash_OfAFirstEvent_IsTheKnownAnswer()
    {
        var e = CommittedStop();

        Assert.Equal(StopDigest, e.PersonalDigest);
        Assert.Equal(StopHash, e.Hash);
    }

    [Fact]
    public void TheUntamperedCopy_Verifies() => Assert.Null(LedgerHash.Check(Tampered(CommittedSignup(), nameof(ConsentEvent.Locale), "fr")));

    [Fact]
    public void NewEvents_AreCommitted_WithAFreshSaltEach()
    {
        var a = new ConsentEvent { Identifier = "a@example.com", IdentifierType = "email", PurposeKey = "n", Channel = "email", Regime = "fr", Status = "granted", Method = "checkbox" }.Sealed();
        var b = new ConsentEvent { Identifier = "a@example.com", IdentifierType = "email", PurposeKey = "n", Channel = "email", Regime = "fr", Status = "granted", Method = "checkbox" }.Sealed();

        Assert.Equal(LedgerHash.Committed, a.HashVersion);
        Assert.Equal(64, a.PersonalSalt!.Length);
        Assert.NotEqual(a.PersonalSalt, b.PersonalSalt);
        Assert.NotEqual(a.PersonalDigest, b.PersonalDigest);
    }

    public static TheoryData<string> Events => [nameof(Signup), nameof(Stop)];

    private static ConsentEvent Committed(string name) => name == nameof(Signup) ? CommittedSignup() : CommittedStop();

    private static ConsentEvent Cleartext(string name) => (name == nameof(Signup) ? Signup() : Stop()).Sealed();

    [Theory]
    [MemberData(nameof(Events))]
    public void BothVersions_Verify_AsSealed(string name)
    {
        Assert.Null(LedgerHash.Check(Committed(name)));
        Assert.Null(LedgerHash.Check(Cleartext(name)));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void BothVersions_StillVerify_OnceErased(string name)
    {
        var committed = ConsentLedger.Erased(Committed(name), ErasedAt);
        var cleartext = ConsentLedger.Erased(Cleartext(name), ErasedAt);

        Assert.Null(LedgerHash.Check(committed));
        Assert.Null(LedgerHash.Check(cleartext));
        Assert.Equal(Committed(name).Hash, committed.Hash);
        Assert.Equal(Cleartext(name).Hash, cleartext.Hash);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void AnErasedEvent_HoldsNoPersonalFieldAndNoSalt(string name)
    {
        foreach (var erased in new[] { ConsentLedger.Erased(Committed(name), ErasedAt), ConsentLedger.Erased(Cleartext(name), ErasedAt) })
        {
            Assert.Equal("erased", erased.Identifier);
            Assert.Null(erased.PageUrl);
            Assert.Null(erased.Referrer);
            Assert.Null(erased.IpAddress);
            Assert.Null(erased.UserAgent);
            Assert.Null(erased.PersonalSalt);
            Assert.Equal(ErasedAt, erased.ErasedAt);
        }
    }

    /// <summary>Each field a hand could rewrite in a version-2 row, and a value different from both events'.</summary>
    public static TheoryData<string, object?> Tampering
    {
        get
        {
            var data = new TheoryData<string, object?>();
            foreach (var row in LedgerHashFacts.Tampering)
            {
                data.Add((string)row[0], row[1]);
            }

            data.Add(nameof(ConsentEvent.HashVersion), LedgerHash.Cleartext);
            data.Add(nameof(ConsentEvent.PersonalSalt), "1111111111111111111111111111111111111111111111111111111111111111");
            data.Add(nameof(ConsentEvent.PersonalDigest), "2222222222222222222222222222222222222222222222222222222222222222");
            // R55: facts only version 2 holds, hashed when present.
            data.Add(nameof(ConsentEvent.Source), "partner list 2026-03");
            data.Add(nameof(ConsentEvent.BasisReference), "lia-2026-007");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Tampering))]
    public void ChangingAStoredField_OfACommittedEvent_FailsItsCheck(string field, object? value)
    {
        Assert.NotNull(LedgerHash.Check(Tampered(CommittedSignup(), field, value)));
        Assert.NotNull(LedgerHash.Check(Tampered(CommittedStop(), field, value)));
    }

    /// <summary>Once erased, every field that states a fact is still held by the hash (or, for version 1, by the seal).</summary>
    [Theory]
    [MemberData(nameof(Tampering))]
    public void ChangingAStoredField_OfAnErasedEvent_FailsItsCheck(string field, object? value)
    {
        Assert.NotNull(LedgerHash.Check(Tampered(ConsentLedger.Erased(CommittedSignup(), ErasedAt), field, value)));
        if (field is not (nameof(ConsentEvent.PersonalSalt) or nameof(ConsentEvent.PersonalDigest) or nameof(ConsentEvent.HashVersion)
            or nameof(ConsentEvent.Source) or nameof(ConsentEvent.BasisReference)))
        {
            // A version-1 event has no commitment: its seal holds the rest.
            Assert.NotNull(LedgerHash.Check(Tampered(ConsentLedger.Erased(Cleartext(nameof(Signup)), ErasedAt), field, value)));
        }
    }

    [Fact]
    public void ChangingTheSeal_OfAnErasedCleartextEvent_FailsItsCheck() =>
        Assert.NotNull(LedgerHash.Check(Tampered(ConsentLedger.Erased(Cleartext(nameof(Signup)), ErasedAt), nameof(ConsentEvent.ErasureSeal), StopHash)));

    /// <summary>Removing the salt but keeping the cleartext is not an erasure: it is a change the check sees.</summary>
    [Fact]
    public void RemovingOnlyTheSalt_FailsTheCheck() =>
        Assert.NotNull(LedgerHash.Check(Tampered(CommittedSignup(), nameof(ConsentEvent.PersonalSalt), null)));

    /// <summary>The stored row with one column rewritten and its stored hash left as it was.</summary>
    private static ConsentEvent Tampered(ConsentEvent source, string field, object? value)
    {
        var copy = With(source, field, value);
        typeof(ConsentEvent).GetProperty(nameof(ConsentEvent.Hash))!.SetValue(copy, source.Hash);
        return copy;
    }

    /// <summary>Every stored field is in the tamper table, but the hash and the two fields only the erasure sets.</summary>
    [Fact]
    public void TheTamperTable_NamesEveryStoredFieldButTheHashAndTheErasureMarks()
    {
        string[] unhashed = [nameof(ConsentEvent.Hash), nameof(ConsentEvent.ErasedAt), nameof(ConsentEvent.ErasureSeal)];
        var stored = typeof(ConsentEvent).GetProperties().Select(p => p.Name).Where(n => !unhashed.Contains(n)).Order(StringComparer.Ordinal);

        Assert.Equal(stored, Tampering.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }
}
