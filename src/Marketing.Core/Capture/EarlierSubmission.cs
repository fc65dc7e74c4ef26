namespace Marketing.Capture;

/// <summary>A stored submission's answer, which a replay of it gets again.</summary>
public sealed record EarlierSubmission(string FormId, string ClientSubmissionId, string ResultJson);
