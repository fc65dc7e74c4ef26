using Marketing.Leads;

namespace Marketing.Core.Tests.Leads;

public sealed class IdentityMatchFacts
{
    private static readonly Person Ann = new() { Id = Guid.NewGuid(), Email = "ann@example.com", Phone = "+33611111111", Regime = "fr", Source = "test" };
    private static readonly Person Bob = new() { Id = Guid.NewGuid(), Email = "bob@example.com", Phone = "+33622222222", Regime = "fr", Source = "test" };
    private static readonly Person NoPhone = new() { Id = Guid.NewGuid(), Email = "np@example.com", Regime = "fr", Source = "test" };

    public static TheoryData<string, string?, string?, string, string?, string?, bool, bool, string?> Cases => new()
    {
        // case, email, phone, kind, email holder, phone holder, new email, new phone, review
        { "both new", "new@example.com", "+33633333333", "new", null, null, true, true, null },
        { "email of Ann only", "ann@example.com", null, "returning", "Ann", null, false, false, null },
        { "phone of Ann only", null, "+33611111111", "returning", null, "Ann", false, false, null },
        { "both of Ann", "ann@example.com", "+33611111111", "returning", "Ann", "Ann", false, false, null },
        { "new email, Ann's phone", "new@example.com", "+33611111111", "split", null, "Ann", true, false,
            "the phone number belongs to another person than the new email address" },
        { "Ann's email, Bob's phone", "ann@example.com", "+33622222222", "split", "Ann", "Bob", false, false,
            "the email address and the phone number belong to different people" },
        { "Ann's email, a new phone", "ann@example.com", "+33644444444", "split", "Ann", null, false, true,
            "the person the email address belongs to has another phone number" },
        { "email of a person without a phone, a new phone", "np@example.com", "+33644444444", "split", "NoPhone", null, false, true,
            "the phone number is new to the person the email address belongs to" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resolve_NeverJoinsAnIdentifierToAStoredPerson(string @case, string? email, string? phone, string kind, string? emailHolder,
        string? phoneHolder, bool newEmail, bool newPhone, string? review)
    {
        var match = IdentityMatch.Resolve(email, phone, email is null ? null : Find(p => p.Email == email), phone is null ? null : Find(p => p.Phone == phone));

        Assert.Equal(kind, match.Kind);
        Assert.Equal(emailHolder, Name(match.EmailHolder));
        Assert.Equal(phoneHolder, Name(match.PhoneHolder));
        Assert.Equal((newEmail, newPhone), (match.NewEmail, match.NewPhone));
        Assert.True(review == match.Review, @case);
    }

    private static Person? Find(Func<Person, bool> where) => new[] { Ann, Bob, NoPhone }.FirstOrDefault(where);

    private static string? Name(Person? person) => person == Ann ? "Ann" : person == Bob ? "Bob" : person == NoPhone ? "NoPhone" : null;
}
