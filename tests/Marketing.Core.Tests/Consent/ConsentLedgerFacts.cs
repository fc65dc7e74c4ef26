using System.Text.RegularExpressions;
using Marketing.Consent;
using Marketing.Core.Tests.Docs;
using Marketing.Leads;

namespace Marketing.Core.Tests.Consent;

/// <summary>The ledger's one append (invariant 2): the chain step and the projection step, and that nothing else takes them.</summary>
public sealed partial class ConsentLedgerFacts
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid PurposeId = Guid.Parse("22222222-3333-4444-8555-666666666666");

    /// <param name="statuses">Statuses appended in order to a person with an empty chain.</param>
    /// <param name="newStates">Whether each append created the state (only the first for one purpose and channel).</param>
    /// <param name="status">The state after the last append.</param>
    [Theory]
    [InlineData("pending_confirmation", "1", "pending_confirmation")]
    [InlineData("pending_confirmation,confirmed", "1,0", "confirmed")]
    [InlineData("pending_confirmation,confirmed,pending_confirmation", "1,0,0", "confirmed")]
    [InlineData("granted,withdrawn", "1,0", "withdrawn")]
    public void Append_ChainsEachEventToTheLastAndMovesTheState(string statuses, string newStates, string status)
    {
        var person = Person();
        ConsentState? state = null;
        var appended = new List<ConsentLedger.Appended>();

        foreach (var s in statuses.Split(','))
        {
            var next = ConsentLedger.Append(person, Draft(person, s, appended.Count + 1), state);
            state = next.State;
            appended.Add(next);
        }

        Assert.Equal(Enumerable.Range(1, appended.Count).Select(i => (long)i), appended.Select(a => a.Event.Sequence));
        Assert.Null(appended[0].Event.PreviousHash);
        Assert.All(appended.Skip(1).Select((a, i) => (a, i)), x => Assert.Equal(appended[x.i].Event.Hash, x.a.Event.PreviousHash));
        Assert.All(appended, a => Assert.Equal(LedgerHash.Compute(a.Event), a.Event.Hash));
        Assert.Equal(newStates, string.Join(',', appended.Select(a => a.NewState ? 1 : 0)));
        Assert.Equal((appended.Count, appended[^1].Event.Hash, appended.Count), (person.LedgerSequence, person.LedgerHead, person.RowVersion));
        Assert.Equal(status, state!.Status);
    }

    [Fact]
    public void Append_RefusesAnEventAlreadyChainedOrOfAnotherPerson()
    {
        var person = Person();
        var chained = ConsentLedger.Append(person, Draft(person, "granted", 1), null).Event;
        var other = Person();

        Assert.Throws<InvalidOperationException>(() => ConsentLedger.Append(person, chained, null));
        Assert.Throws<InvalidOperationException>(() => ConsentLedger.Append(other, Draft(person, "granted", 2), null));
        Assert.Equal((1L, chained.Hash), (person.LedgerSequence, person.LedgerHead));
        Assert.Equal(0, other.LedgerSequence);
    }

    [GeneratedRegex(@"\b(LedgerHead|LedgerSequence|PreviousHash|Sequence)\s*=[^=>]|\.Sealed\(\)")]
    private static partial Regex ChainStep();

    /// <summary>The chain step is written once: no other source file moves a head, numbers an event or seals one.</summary>
    [Fact]
    public void TheChainStep_IsWrittenInConsentLedgerAlone()
    {
        var found = RepositoryFiles.Under("src", ".cs")
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: RepositoryFiles.Relative(f), Line: i + 1, Text: line)))
            .Where(l => ChainStep().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(l => l.File)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["src/Marketing.Core/Consent/ConsentLedger.cs"], found);
    }

    private static Person Person() => new() { Id = Guid.CreateVersion7(), Email = "ana@example.com", Regime = "fr", Source = "test" };

    private static ConsentEvent Draft(Person person, string status, int minute) => new()
    {
        Id = Guid.CreateVersion7(),
        PersonId = person.Id,
        Identifier = "ana@example.com",
        IdentifierType = "email",
        PurposeId = PurposeId,
        PurposeKey = "newsletter",
        Channel = "email",
        Regime = "fr",
        Status = status,
        Method = "checkbox",
        OccurredAt = Start.AddMinutes(minute),
    };
}
