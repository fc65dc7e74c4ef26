using Marketing.Compliance;
using Marketing.Leads;

namespace Marketing.Core.Tests.Compliance;

/// <summary>E4's Art. 19 column from the processors' notices (R38), and who reads a restricted person (R39).</summary>
public sealed class ProcessorNoticeRulesFacts
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("access", "", "N/A: recipients are informed of an erasure or objection (Art. 19)")]
    [InlineData("erasure", "", "none recorded: no processor entry, or the erasure or objection is not done")]
    [InlineData("erasure", "objection:relay:pending", "none recorded: no processor entry, or the erasure or objection is not done")]
    [InlineData("erasure", "erasure:relay:pending", "relay: pending since 2026-03-01T09:00:00.0000000+00:00")]
    [InlineData("objection", "objection:relay:acknowledged,objection:twilio:pending",
        "relay: acknowledged 2026-03-02T09:00:00.0000000+00:00 by dpo@example.com | twilio: pending since 2026-03-01T09:00:00.0000000+00:00")]
    public void RecipientsInformed_NamesEachProcessorAndItsAcknowledgement(string type, string notices, string expected)
    {
        var ticket = new DataSubjectRequest { Type = type, Channel = "letter", Status = "closed", CreatedBy = "test" };
        var rows = notices.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Split(':')).Select(n => new ProcessorNotice
        {
            Id = Guid.NewGuid(), ProcessorKey = n[1], ProcessorName = n[1], Reason = n[0], Status = n[2], CreatedAt = At,
            AcknowledgedAt = n[2] == "acknowledged" ? At.AddDays(1) : null, AcknowledgedBy = n[2] == "acknowledged" ? "dpo@example.com" : null,
        });

        Assert.Equal(expected, RequestLog.RecipientsInformed(ticket, rows));
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    public void RestrictedPerson_IsReadByTheDpoAlone(bool restricted, bool dpo, bool reads) =>
        Assert.Equal(reads, RestrictedReads.MayRead(restricted, dpo));
}
