using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Marketing.Consent;

/// <summary>
/// The hash that chains a person's consent events (R15). Version 1 covers every field of the event in cleartext;
/// version 2 (ADR 16) covers every field that states a fact but the personal ones, and in their place a commitment
/// to them: a SHA-256 over a random per-event salt and the personal fields, stored beside them. An erasure (R38)
/// deletes the personal fields and the salt and keeps the commitment, so the chain still verifies and the
/// commitment no longer leads back to the person.
/// </summary>
public static class LedgerHash
{
    /// <summary>Events sealed before ADR 16: their hash depends on the cleartext.</summary>
    public const int Cleartext = 1;
    /// <summary>Events sealed since ADR 16: their hash depends on a commitment to the personal fields.</summary>
    public const int Committed = 2;
    /// <summary>What an erased event's identifier reads (the column cannot be empty).</summary>
    public const string ErasedIdentifier = "erased";

    public static string Compute(ConsentEvent e) => e.HashVersion == Cleartext ? ComputeCleartext(e) : ComputeCommitted(e);

    /// <summary>A fresh salt for an event's commitment: 32 random bytes, hex.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The commitment to an event's personal fields under <paramref name="salt"/>.</summary>
    public static string Commit(string salt, ConsentEvent e) => Sha256(json =>
    {
        json.WriteStringValue(salt);
        json.WriteStringValue(e.Identifier);
        json.WriteStringValue(e.PageUrl);
        json.WriteStringValue(e.Referrer);
        json.WriteStringValue(e.IpAddress);
        json.WriteStringValue(e.UserAgent);
    });

    /// <summary>Whether the event's personal fields hold the tombstone an erasure leaves, and nothing else.</summary>
    public static bool IsTombstone(ConsentEvent e) =>
        e.Identifier == ErasedIdentifier && e.PageUrl is null && e.Referrer is null && e.IpAddress is null && e.UserAgent is null;

    /// <summary>
    /// The seal an erasure puts on a version-1 event, whose own hash cannot be recomputed once its cleartext is gone:
    /// its hash (still linked from the next event and the person's head) and every remaining field, checked then.
    /// </summary>
    public static string ErasureSeal(ConsentEvent e) => Sha256(json =>
    {
        json.WriteStringValue("erasure-seal");
        json.WriteStringValue(e.PreviousHash);
        json.WriteStringValue(e.Hash);
        WriteFacts(json, e);
    });

    /// <summary>Why the stored event no longer matches its hash, its commitment or its seal; null when it holds (R15).</summary>
    public static string? Check(ConsentEvent e)
    {
        if (e.HashVersion == Cleartext)
        {
            if (e.ErasureSeal is null)
            {
                return ComputeCleartext(e) == e.Hash ? null : "its content no longer matches its hash: the row was altered";
            }

            return !IsTombstone(e) ? "it is marked erased but still holds personal fields: the row was altered"
                : ErasureSeal(e) == e.ErasureSeal ? null
                : "its content no longer matches the seal its erasure left: the row was altered";
        }

        if (e.ErasureSeal is not null)
        {
            return "a version-2 event carries no erasure seal: the row was altered";
        }

        if (e.PersonalSalt is { } salt)
        {
            if (e.PersonalDigest != Commit(salt, e))
            {
                return "its personal fields no longer match their commitment: the row was altered";
            }
        }
        else if (!IsTombstone(e))
        {
            return "its personal fields were changed after their salt was removed: the row was altered";
        }

        return ComputeCommitted(e) == e.Hash ? null : "its content no longer matches its hash: the row was altered";
    }

    private static string ComputeCommitted(ConsentEvent e) => Sha256(json =>
    {
        json.WriteNumberValue(Committed);
        json.WriteStringValue(e.PreviousHash);
        WriteFacts(json, e);
        json.WriteStringValue(e.PersonalDigest);
    });

    private static string ComputeCleartext(ConsentEvent e) => Sha256(json =>
    {
        json.WriteStringValue(e.PreviousHash);
        json.WriteStringValue(e.Id.ToString("D"));
        json.WriteStringValue(e.PersonId.ToString("D"));
        json.WriteNumberValue(e.Sequence);
        json.WriteStringValue(e.Identifier);
        json.WriteStringValue(e.IdentifierType);
        json.WriteStringValue(e.PurposeId.ToString("D"));
        json.WriteStringValue(e.PurposeKey);
        json.WriteStringValue(e.Channel);
        json.WriteStringValue(e.Regime);
        json.WriteStringValue(e.Status);
        json.WriteStringValue(e.Method);
        json.WriteStringValue(e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        WriteNullable(json, e.LocalOffsetMinutes);
        json.WriteStringValue(e.NoticeVersionId?.ToString("D"));
        WriteNullable(json, e.NoticeVersion);
        json.WriteStringValue(e.NoticeSha256);
        json.WriteStringValue(e.Locale);
        json.WriteStringValue(e.FormId);
        WriteNullable(json, e.FormVersion);
        json.WriteStringValue(e.PrivacyNoticeVersionId?.ToString("D"));
        WriteNullable(json, e.PrivacyNoticeVersion);
        json.WriteStringValue(e.PageUrl);
        json.WriteStringValue(e.Referrer);
        json.WriteStringValue(e.IpAddress);
        json.WriteStringValue(e.UserAgent);
        json.WriteStringValue(e.SubmissionId?.ToString("D"));
    });

    /// <summary>Every field that states a fact and names nobody, in a fixed order.</summary>
    private static void WriteFacts(Utf8JsonWriter json, ConsentEvent e)
    {
        json.WriteStringValue(e.Id.ToString("D"));
        json.WriteStringValue(e.PersonId.ToString("D"));
        json.WriteNumberValue(e.Sequence);
        json.WriteStringValue(e.IdentifierType);
        json.WriteStringValue(e.PurposeId.ToString("D"));
        json.WriteStringValue(e.PurposeKey);
        json.WriteStringValue(e.Channel);
        json.WriteStringValue(e.Regime);
        json.WriteStringValue(e.Status);
        json.WriteStringValue(e.Method);
        json.WriteStringValue(e.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        WriteNullable(json, e.LocalOffsetMinutes);
        json.WriteStringValue(e.NoticeVersionId?.ToString("D"));
        WriteNullable(json, e.NoticeVersion);
        json.WriteStringValue(e.NoticeSha256);
        json.WriteStringValue(e.Locale);
        json.WriteStringValue(e.FormId);
        WriteNullable(json, e.FormVersion);
        json.WriteStringValue(e.PrivacyNoticeVersionId?.ToString("D"));
        WriteNullable(json, e.PrivacyNoticeVersion);
        json.WriteStringValue(e.SubmissionId?.ToString("D"));
        // Facts added after events were first sealed: written only when present, so every earlier hash still holds.
        if (e.Source is not null || e.BasisReference is not null)
        {
            json.WriteStringValue(e.Source);
            json.WriteStringValue(e.BasisReference);
        }
    }

    private static string Sha256(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            write(json);
            json.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>
    /// PostgreSQL keeps microseconds and EF's SQLite mapping a tenth of a millisecond; .NET ticks are finer.
    /// An event's time is cut to whole milliseconds, which both keep, so that the hash computed before the
    /// write is the one recomputed after a read.
    /// </summary>
    public static DateTimeOffset StorableTime(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private static void WriteNullable(Utf8JsonWriter json, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumberValue(v);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
