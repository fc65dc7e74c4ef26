namespace Marketing.Leads;

/// <summary>How a submission's identifiers relate to the people already stored.</summary>
public static class SubmissionIdentities
{
    /// <summary>No identifier was known: the submission made its person, with its values.</summary>
    public const string New = "new";
    /// <summary>Every identifier belongs to one stored person: their values wait for that person's confirmation.</summary>
    public const string Returning = "returning";
    /// <summary>The identifiers belong to different people, or one is known and the other new: held for review.</summary>
    public const string Split = "split";
}

/// <summary>
/// Invariant 7, nobody changes a person but that person: a web form proves no identifier, so a submission never
/// joins one to a stored person, nor changes what is stored about one. Each identifier stays with the person who
/// holds it and each consent goes to the holder of the identifier it names; identifiers nobody holds make one new
/// person, with the submitted values. See docs/adr/0006-submissions-never-change-another-person.md.
/// </summary>
/// <param name="EmailHolder">The stored person the email address belongs to, if any.</param>
/// <param name="PhoneHolder">The stored person the phone number belongs to, if any.</param>
/// <param name="NewEmail">The email address goes to a new person.</param>
/// <param name="NewPhone">The phone number goes to a new person.</param>
/// <param name="Review">Why an administrator should look at the submission; null when nothing is held.</param>
public sealed record IdentityMatch(string Kind, Person? EmailHolder, Person? PhoneHolder, bool NewEmail, bool NewPhone, string? Review)
{
    public bool CreatesPerson => NewEmail || NewPhone;

    public static IdentityMatch Resolve(string? email, string? phone, Person? emailHolder, Person? phoneHolder)
    {
        var newEmail = email is not null && emailHolder is null;
        var newPhone = phone is not null && phoneHolder is null;
        if (emailHolder is null && phoneHolder is null)
        {
            return new(SubmissionIdentities.New, null, null, newEmail, newPhone, null);
        }

        if (!newEmail && !newPhone && (emailHolder is null || phoneHolder is null || emailHolder.Id == phoneHolder.Id))
        {
            return new(SubmissionIdentities.Returning, emailHolder, phoneHolder, false, false, null);
        }

        var review = (emailHolder, phoneHolder) switch
        {
            ({ } e, { } p) when e.Id != p.Id => "the email address and the phone number belong to different people",
            (null, _) => "the phone number belongs to another person than the new email address",
            ({ Phone: null }, _) => "the phone number is new to the person the email address belongs to",
            _ => "the person the email address belongs to has another phone number",
        };
        return new(SubmissionIdentities.Split, emailHolder, phoneHolder, newEmail, newPhone, review);
    }
}
