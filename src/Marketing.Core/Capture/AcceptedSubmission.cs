namespace Marketing.Capture;

/// <summary>A submission that passed every check, with identifiers normalised and the evidence of its collection.</summary>
public sealed record AcceptedSubmission(
    PublishedForm Form,
    string ClientSubmissionId,
    string? Email,
    string? Phone,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> ConsentedPurposes,
    string Locale,
    string? TimeZone,
    string? Country,
    SubmissionEvidence Evidence);

/// <summary>Where and how the submission was made: stored with every consent event it produces (R14).</summary>
/// <param name="Notes">What was cut or dropped on the way in (see <see cref="EvidenceRules"/>): stored, never silent.</param>
public sealed record SubmissionEvidence(
    string? PageUrl,
    string? Referrer,
    IReadOnlyDictionary<string, string> Utm,
    string? IpAddress,
    string? UserAgent,
    IReadOnlyList<string>? Notes = null);

/// <summary>What the submitter is told; stored, so that a replay returns it unchanged.</summary>
public sealed record SubmissionResult(Guid SubmissionId, Guid PersonId, string Status, IReadOnlyList<ConsentOutcome> Consents);

public sealed record ConsentOutcome(string Purpose, string Channel, string Status);
