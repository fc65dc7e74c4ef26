using Marketing.Consent;

namespace Marketing.Core.Tests.Consent;

/// <summary>The current consent state as a fold of a person's events for one purpose and channel, stated literally.</summary>
public sealed class ConsentProjectionFacts
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <param name="events">Statuses in ledger order.</param>
    /// <param name="status">The state after the last event.</param>
    /// <param name="restsOn">The 1-based event the state points at (the evidence the gate cites).</param>
    [Theory]
    [InlineData("granted", "granted", 1)]
    [InlineData("pending_confirmation", "pending_confirmation", 1)]
    [InlineData("pending_confirmation,confirmed", "confirmed", 2)]
    [InlineData("pending_confirmation,confirmed,pending_confirmation", "confirmed", 2)]
    [InlineData("pending_confirmation,confirmed,pending_confirmation,pending_confirmation", "confirmed", 2)]
    [InlineData("pending_confirmation,confirmed,withdrawn", "withdrawn", 3)]
    [InlineData("pending_confirmation,withdrawn,confirmed", "confirmed", 3)]
    [InlineData("pending_confirmation,confirmed,withdrawn,pending_confirmation", "pending_confirmation", 4)]
    [InlineData("pending_confirmation,confirmed,withdrawn,pending_confirmation,confirmed", "confirmed", 5)]
    [InlineData("granted,pending_confirmation", "pending_confirmation", 2)]
    [InlineData("confirmed,granted", "granted", 2)]
    [InlineData("granted,objected", "objected", 2)]
    [InlineData("confirmed,expired", "expired", 2)]
    [InlineData("withdrawn,withdrawn", "withdrawn", 2)]
    public void Apply_FoldsEventsInOrder(string events, string status, int restsOn)
    {
        var ledger = events.Split(',').Select((s, i) => Event(i + 1, s)).ToList();
        var state = new ConsentState { PersonId = ledger[0].PersonId, PurposeId = ledger[0].PurposeId, Channel = "email", Status = ledger[0].Status };

        foreach (var e in ledger)
        {
            ConsentProjection.Apply(state, e);
        }

        Assert.Equal(status, state.Status);
        Assert.Equal(ledger[restsOn - 1].Id, state.LastEventId);
        Assert.Equal(Start.AddMinutes(restsOn), state.UpdatedAt);
    }

    private static ConsentEvent Event(int sequence, string status) => new()
    {
        Id = new Guid($"00000000-0000-7000-8000-{sequence:D12}"),
        PersonId = Guid.Parse("11111111-2222-4333-8444-555555555555"),
        Sequence = sequence,
        Identifier = "ana@example.com",
        IdentifierType = "email",
        PurposeId = Guid.Parse("22222222-3333-4444-8555-666666666666"),
        PurposeKey = "newsletter",
        Channel = "email",
        Regime = "fr",
        Status = status,
        Method = "checkbox",
        OccurredAt = Start.AddMinutes(sequence),
    };
}
