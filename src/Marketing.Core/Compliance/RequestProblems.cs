namespace Marketing.Compliance;

/// <summary>
/// Why a change of a data-subject request was refused, as codes: the API and the CLI say them in English
/// (<see cref="Describe"/>), the web app in the reader's language, beside the field they name.
/// </summary>
public static class RequestProblems
{
    public const string TypeInvalid = "type_invalid";
    public const string ChannelInvalid = "channel_invalid";
    public const string EmailInvalid = "email_invalid";
    public const string IdentityInvalid = "identity_invalid";
    public const string PersonUnknown = "person_unknown";
    public const string NoSubject = "no_subject";
    public const string TextTooLong = "text_too_long";
    public const string NotOpen = "not_open";
    public const string AlreadyExtended = "already_extended";
    public const string ExtensionMonths = "extension_months";
    public const string ExtensionTooLate = "extension_too_late";
    public const string ReasonRequired = "reason_required";
    public const string ReasonTooLong = "reason_too_long";
    public const string NoAddressForNotice = "no_address_for_notice";
    public const string OutcomeInvalid = "outcome_invalid";
    public const string ComplaintRightRequired = "complaint_right_required";
    public const string NoPersonForArchive = "no_person_for_archive";
    public const string NotAnArchiveRequest = "not_an_archive_request";
    public const string ActNotDone = "act_not_done";

    public static string Describe(string code) => code switch
    {
        TypeInvalid => $"must be one of: {string.Join(", ", RequestTypes.All)}",
        ChannelInvalid => $"must be one of: {string.Join(", ", RequestChannels.All)}",
        EmailInvalid => "must be a valid email address",
        IdentityInvalid => $"must be one of: {string.Join(", ", IdentityMethods.All)}",
        PersonUnknown => "names no person",
        NoSubject => "give the requester's email address or the person the request is about",
        TextTooLong => $"must be at most {DataSubjectRequest.MaxTextLength} characters",
        NotOpen => "the request is not open (awaiting its requester's confirmation, or closed)",
        AlreadyExtended => "the request has already been extended once",
        ExtensionMonths => $"must be 1 to {RequestDeadlines.MaxExtensionMonths} months",
        ExtensionTooLate => "the first due date has passed: an extension must be notified within the first month (R36)",
        ReasonRequired => "a reason is required",
        ReasonTooLong => $"must be at most {DataSubjectRequest.MaxReasonLength} characters",
        NoAddressForNotice => "the request has no email address to send the extension notice to",
        OutcomeInvalid => $"must be one of: {string.Join(", ", RequestOutcomes.All)}",
        ComplaintRightRequired => "a refusal or a partial answer must tell the requester of their right to complain to the supervisory authority (R36)",
        NoPersonForArchive => "the request names no person of the lead store: there is nothing to put in an archive",
        NotAnArchiveRequest => "only an access or portability request has an archive",
        ActNotDone => "an erasure, restriction or objection request is fulfilled by the act itself: erase, restrict or record the objection for the person first (R38, R39, R17)",
        _ => code,
    };
}
