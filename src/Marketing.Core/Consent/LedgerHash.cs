using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Marketing.Consent;

/// <summary>
/// The hash that chains a person's consent events. It covers every field of the event that states a fact,
/// in a fixed order, and the previous event's hash; changing any stored field breaks it.
/// </summary>
public static class LedgerHash
{
    public static string Compute(ConsentEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
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
