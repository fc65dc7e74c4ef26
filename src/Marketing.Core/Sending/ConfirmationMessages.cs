using Marketing.Consent;

namespace Marketing.Sending;

/// <summary>
/// The send records of the messages that ask a person to confirm: the double-opt-in email and the SMS that asks a
/// number to reply. Typed <c>doi</c>: the gate lets them reach a person with no consent yet, and they carry nothing
/// promotional (R20, R21).
/// </summary>
public static class ConfirmationMessages
{
    /// <summary>The template of the double-opt-in email queued after a sign-up that needs one.</summary>
    public const string EmailTemplate = "doi-confirmation";

    /// <summary>The template of the SMS that asks a number given on a web form to confirm by replying (R21).</summary>
    public const string SmsTemplate = "sms-verification";

    /// <summary>The email of a double-opt-in request; one per request, whatever retries the sign-up's writer makes.</summary>
    public static SendRecord Email(Guid personId, Guid requestId, string purposeKey, string locale, DateTimeOffset now) =>
        Queued($"doi:{requestId:N}", personId, ChannelKeys.Email, purposeKey, EmailTemplate,
            new Dictionary<string, string> { ["doi_request"] = requestId.ToString("N"), ["locale"] = locale }, now);

    /// <summary>The SMS asking a number to reply YES; the reply itself confirms (see ReceiveSms).</summary>
    public static SendRecord Sms(Guid personId, Guid submissionId, string purposeKey, string locale, DateTimeOffset now) =>
        Queued($"sms-verify:{submissionId:N}", personId, ChannelKeys.Sms, purposeKey, SmsTemplate, new Dictionary<string, string> { ["locale"] = locale }, now);

    private static SendRecord Queued(string key, Guid personId, string channel, string purposeKey, string template, Dictionary<string, string> data, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Key = key,
        PersonId = personId,
        Channel = channel,
        MessageType = MessageTypes.DoubleOptIn,
        PurposeKey = purposeKey,
        TemplateKey = template,
        Data = data,
        Status = SendStatuses.Queued,
        CreatedAt = now,
        DueAt = now,
    };
}
