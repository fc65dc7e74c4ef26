using System.Net;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// Creates or updates a person another system knows by its own id (R55): the same external id again is the same
/// person, so a client may repeat a call safely. A marketing purpose is recorded only with its basis — a consent with
/// its R14 evidence, or a legitimate-interest assessment — through the ledger's one append path; a purpose named
/// without one records nothing and the gate keeps blocking. Identifiers are added, never replaced or taken from
/// another person (invariant 7). The person is marked collected indirectly (R52): they must be told within a month.
/// </summary>
public static class SaveContact
{
    public const int MaxExternalIdLength = 100;
    public const int MaxPurposes = 20;
    public const int MaxSourceLength = 200;

    public sealed record ConsentEvidence(DateTimeOffset? OccurredAt, string? Wording, int? WordingVersion, string? Source, string? Method = null,
        string? Language = null, string? CollectionUrl = null, string? IpAddress = null, string? UserAgent = null, int? PrivacyNoticeVersion = null);

    /// <param name="Type"><c>consent</c> or <c>legitimate_interest</c>.</param>
    public sealed record Basis(string? Type, ConsentEvidence? ConsentEvent = null, string? LiAssessmentId = null);

    public sealed record PurposeGrant(string? Purpose, string? Channel, Basis? Basis = null);

    public sealed record Command(string? ExternalId, string? Email = null, string? Phone = null, string? Country = null, bool? Business = null,
        string? Locale = null, string? TimeZone = null, Dictionary<string, string?>? Attributes = null, List<PurposeGrant>? Purposes = null);

    /// <param name="Recorded">Purposes whose basis this call appended to the ledger, as <c>purpose:channel</c>.</param>
    /// <param name="WithoutBasis">Purposes named without a basis: nothing recorded, the gate blocks marketing for them.</param>
    public sealed record Saved(Person Person, bool IsNew, IReadOnlyList<string> Recorded, IReadOnlyList<string> WithoutBasis);

    /// <summary>The consent collection methods a client may state (R14); the engine's own (double opt-in, keywords) are not theirs to claim.</summary>
    public static IReadOnlyList<string> Methods { get; } = [ConsentMethods.ApiImport, ConsentMethods.Checkbox, "verbal_recorded", "paper_scanned"];

    public static async Task<Outcome<Saved>> HandleAsync(MarketingDbContext db, TimeProvider clock, Command command, string actor, CancellationToken ct)
    {
        var errors = CorrectPerson.Check(new CorrectPerson.Command(command.TimeZone, command.Locale, command.Country, command.Business, command.Attributes));
        var externalId = command.ExternalId?.Trim();
        if (string.IsNullOrEmpty(externalId) || externalId.Length > MaxExternalIdLength || FreeText.Problem(externalId) is not null)
        {
            errors["externalId"] = [$"the id your system knows the person by is required, at most {MaxExternalIdLength} characters of text"];
        }

        string? email = null;
        if (command.Email is not null && !Identifiers.TryNormalizeEmail(command.Email, out email!))
        {
            errors["email"] = ["is not a valid email address"];
            email = null;
        }

        string? phone = null;
        if (command.Phone is not null && !Identifiers.TryNormalizePhone(command.Phone, command.Country?.ToUpperInvariant() ?? "ZZ", out phone!))
        {
            errors["phone"] = ["is not a valid phone number (E.164, or national with the country given)"];
            phone = null;
        }

        var now = clock.GetUtcNow();
        var purposes = await ReadPurposesAsync(db, command.Purposes, errors, ct);
        CheckGrants(command.Purposes, purposes, now, errors);
        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        return await ConsentLedger.RetryOnConflictAsync(db, () => SaveAsync(db, now, command, externalId!, email, phone, purposes, actor, ct));
    }

    private static async Task<Outcome<Saved>> SaveAsync(MarketingDbContext db, DateTimeOffset now, Command command, string externalId, string? email, string? phone,
        IReadOnlyDictionary<string, Purpose> purposes, string actor, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.ExternalId == externalId, ct);
        var emailHolder = email is null ? null : await db.People.AsNoTracking().Where(p => p.Email == email).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        var phoneHolder = phone is null ? null : await db.People.AsNoTracking().Where(p => p.Phone == phone).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        // Invariant 7: an identifier stays with the person who holds it; the client names that person by its own id.
        if (emailHolder is { } e && e != person?.Id)
        {
            return new Refusal.Conflict("The email address belongs to another person",
                $"email: it belongs to person {e}, which this external id does not name; update that person, or correct the data in your system");
        }

        if (phoneHolder is { } ph && ph != person?.Id)
        {
            return new Refusal.Conflict("The phone number belongs to another person",
                $"phone: it belongs to person {ph}, which this external id does not name; update that person, or correct the data in your system");
        }

        if (person is { Email: { } storedEmail } && email is not null && storedEmail != email)
        {
            return new Refusal.Conflict("The person has another email address", "email: an address is not replaced through the contact API; a consent given for one address is no consent for another");
        }

        if (person is { Phone: { } storedPhone } && phone is not null && storedPhone != phone)
        {
            return new Refusal.Conflict("The person has another phone number", "phone: a number is not replaced through the contact API; a consent given for one number is no consent for another");
        }

        var isNew = person is null;
        if (person is null)
        {
            if (email is null && phone is null)
            {
                return Refusal.Field("email", "a new person needs an email address or a phone number");
            }

            person = new Person
            {
                Id = Guid.CreateVersion7(), ExternalId = externalId, Regime = "other", Source = Truncate($"api:{actor}", 200),
                CreatedAt = now, UpdatedAt = now, CollectedIndirectlyAt = now,
            };
            db.People.Add(person);
        }

        person.Email ??= email;
        person.Phone ??= phone;
        CorrectPerson.Apply(person, new CorrectPerson.Command(command.TimeZone, command.Locale, command.Country, command.Business, command.Attributes), now);

        var recorded = new List<string>();
        var withoutBasis = new List<string>();
        foreach (var grant in command.Purposes ?? [])
        {
            var purpose = purposes[grant.Purpose!];
            var key = $"{purpose.Key}:{grant.Channel}";
            if (grant.Basis is null)
            {
                // R55: a purpose without its basis gives the person no marketing basis; nothing is claimed for it.
                withoutBasis.Add(key);
                continue;
            }

            switch (await AppendBasisAsync(db, person, purpose, grant.Channel!, grant.Basis, isNew, ct))
            {
                case true:
                    recorded.Add(key);
                    break;
                case null:
                    db.ChangeTracker.Clear();
                    var index = command.Purposes!.IndexOf(grant);
                    return Refusal.Field($"purposes[{index}].basis",
                        "the person withdrew or objected for this purpose after the evidence given: only a consent given after that may record it again (R16, R17)");
            }
        }

        db.AuditEntries.Add(AuditEntry.CreateAt(now, actor, isNew ? "person.created" : "person.updated", person.Id.ToString(),
            $"via=contact-api externalId={externalId} recorded={string.Join(",", recorded)} withoutBasis={string.Join(",", withoutBasis)}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (BulkInsert.IsUniqueViolation(ex))
        {
            // Another call created the same person, or took the address, at the same moment: read again and decide again.
            throw new DbUpdateConcurrencyException("a concurrent save took the external id or an identifier", ex);
        }

        return new Saved(person, isNew, recorded, withoutBasis);
    }

    /// <summary>
    /// Appends the basis unless the person's state for the purpose already rests on the same evidence (a repeated call:
    /// false). Null when the person withdrew or objected after the evidence: withdrawal wins (invariant 4).
    /// </summary>
    private static async Task<bool?> AppendBasisAsync(MarketingDbContext db, Person person, Purpose purpose, string channel, Basis basis, bool isNew, CancellationToken ct)
    {
        var evidence = basis.ConsentEvent;
        var status = basis.Type == LawfulBases.Consent ? ConsentStatuses.Granted : ConsentStatuses.LegitimateInterest;
        var wordingHash = evidence?.Wording is { } wording ? ConsentWording.HashOf(wording) : null;
        var occurredAt = LedgerHash.StorableTime(evidence?.OccurredAt ?? DateTimeOffset.UnixEpoch);
        var state = isNew ? null
            : await db.ConsentStates.AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == person.Id && s.PurposeId == purpose.Id && s.Channel == channel, ct);
        if (state is { Status: ConsentStatuses.Withdrawn or ConsentStatuses.Objected or ConsentStatuses.Expired }
            && (evidence is null || occurredAt <= state.UpdatedAt))
        {
            return null;
        }

        // A consent outranks a legitimate interest: naming one afterwards must not take the consent away.
        if (status == ConsentStatuses.LegitimateInterest && state?.Status is ConsentStatuses.Granted or ConsentStatuses.Confirmed)
        {
            return false;
        }

        if (state is not null && state.Status == status
            && await db.ConsentEvents.AsNoTracking().AnyAsync(x => x.Id == state.LastEventId && x.NoticeSha256 == wordingHash && x.BasisReference == basis.LiAssessmentId
                && (evidence == null || x.OccurredAt == occurredAt), ct))
        {
            return false;
        }

        if (wordingHash is not null && await db.ConsentWordings.FindAsync([wordingHash], ct) is null
            && !db.ConsentWordings.Local.Any(w => w.Sha256 == wordingHash))
        {
            db.ConsentWordings.Add(new ConsentWording { Sha256 = wordingHash, Text = evidence!.Wording!, FirstSeenAt = person.UpdatedAt });
        }

        var draft = new ConsentEvent
        {
            Id = Guid.CreateVersion7(),
            PersonId = person.Id,
            Identifier = channel == ChannelKeys.Email ? person.Email! : person.Phone!,
            IdentifierType = channel == ChannelKeys.Email ? ChannelKeys.Email : "phone",
            PurposeId = purpose.Id,
            PurposeKey = purpose.Key,
            Channel = channel,
            Regime = person.Regime,
            Status = status,
            Method = evidence?.Method ?? ConsentMethods.ApiImport,
            OccurredAt = evidence is null ? LedgerHash.StorableTime(person.UpdatedAt) : occurredAt,
            NoticeVersion = evidence?.WordingVersion,
            NoticeSha256 = wordingHash,
            Locale = evidence?.Language,
            PrivacyNoticeVersion = evidence?.PrivacyNoticeVersion,
            PageUrl = evidence?.CollectionUrl,
            IpAddress = evidence?.IpAddress,
            UserAgent = evidence?.UserAgent,
            Source = evidence?.Source?.Trim(),
            BasisReference = basis.LiAssessmentId?.Trim(),
        };
        await ConsentLedger.AppendDraftAsync(db, person, draft, ct);
        return true;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static async Task<IReadOnlyDictionary<string, Purpose>> ReadPurposesAsync(MarketingDbContext db, List<PurposeGrant>? grants, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (grants is { Count: > MaxPurposes })
        {
            errors["purposes"] = [$"name at most {MaxPurposes} purposes at once"];
            return new Dictionary<string, Purpose>();
        }

        var keys = (grants ?? []).Select(g => g.Purpose).OfType<string>().Distinct().ToList();
        var found = await db.Purposes.AsNoTracking().Where(p => keys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, ct);
        for (var i = 0; i < (grants?.Count ?? 0); i++)
        {
            if (grants![i].Purpose is not { } key || !found.ContainsKey(key))
            {
                errors[$"purposes[{i}].purpose"] = ["names no declared purpose"];
            }
        }

        return found;
    }

    /// <summary>Each purpose's channel and basis: what a consent must prove (R14) and what a legitimate interest must name (R55).</summary>
    private static void CheckGrants(List<PurposeGrant>? grants, IReadOnlyDictionary<string, Purpose> purposes, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < (grants?.Count ?? 0); i++)
        {
            var grant = grants![i];
            var at = $"purposes[{i}]";
            if (grant.Purpose is null || !purposes.TryGetValue(grant.Purpose, out var purpose))
            {
                continue;
            }

            if (grant.Channel is null || !purpose.Channels.Contains(grant.Channel))
            {
                errors[$"{at}.channel"] = [$"must be one of the purpose's channels: {string.Join(", ", purpose.Channels)}"];
                continue;
            }

            if (grant.Channel is not (ChannelKeys.Email or ChannelKeys.Sms))
            {
                errors[$"{at}.channel"] = ["the contact API records bases for email and sms"];
                continue;
            }

            if (!seen.Add($"{grant.Purpose}:{grant.Channel}"))
            {
                errors[$"{at}.channel"] = ["names this purpose and channel a second time"];
            }

            if (grant.Basis is not { } basis)
            {
                continue;
            }

            switch (basis.Type)
            {
                case LawfulBases.Consent:
                    CheckConsent(basis.ConsentEvent, $"{at}.basis.consentEvent", now, errors);
                    break;
                case LawfulBases.LegitimateInterest:
                    if (string.IsNullOrWhiteSpace(basis.LiAssessmentId) || basis.LiAssessmentId.Length > 100 || FreeText.Problem(basis.LiAssessmentId) is not null)
                    {
                        errors[$"{at}.basis.liAssessmentId"] = ["the reference of the legitimate-interest assessment is required, at most 100 characters"];
                    }

                    break;
                default:
                    errors[$"{at}.basis.type"] = ["must be consent or legitimate_interest"];
                    break;
            }
        }
    }

    private static void CheckConsent(ConsentEvidence? evidence, string at, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (evidence is null)
        {
            errors[at] = ["a consent needs its evidence (R14): occurredAt, wording, source"];
            return;
        }

        if (evidence.OccurredAt is not { } occurred || occurred > now.AddMinutes(5) || occurred < now.AddYears(-20))
        {
            errors[$"{at}.occurredAt"] = ["when the person consented is required, and not in the future"];
        }

        if (string.IsNullOrWhiteSpace(evidence.Wording) || evidence.Wording.Length > ConsentWording.MaxLength || FreeText.Problem(evidence.Wording, multiline: true) is not null)
        {
            errors[$"{at}.wording"] = [$"the exact wording the person consented to is required, at most {ConsentWording.MaxLength} characters"];
        }

        if (string.IsNullOrWhiteSpace(evidence.Source) || evidence.Source.Length > MaxSourceLength || FreeText.Problem(evidence.Source) is not null)
        {
            errors[$"{at}.source"] = [$"who collected the consent (organisation or partner) is required, at most {MaxSourceLength} characters"];
        }

        if (evidence.WordingVersion is <= 0)
        {
            errors[$"{at}.wordingVersion"] = ["must be a positive version number"];
        }

        if (evidence.PrivacyNoticeVersion is <= 0)
        {
            errors[$"{at}.privacyNoticeVersion"] = ["must be a positive version number"];
        }

        if (evidence.Method is { } method && !Methods.Contains(method))
        {
            errors[$"{at}.method"] = [$"must be one of: {string.Join(", ", Methods)}"];
        }

        if (evidence.Language is { } language && !PurposeRules.IsValidLocale(language))
        {
            errors[$"{at}.language"] = ["is not a locale such as en or fr-FR"];
        }

        if (evidence.CollectionUrl is { } url && (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors[$"{at}.collectionUrl"] = ["must be the absolute http(s) address of the page where consent was collected"];
        }

        if (evidence.IpAddress is { } ip && (ip.Length > 45 || !IPAddress.TryParse(ip, out _)))
        {
            errors[$"{at}.ipAddress"] = ["is not an IP address"];
        }

        if (evidence.UserAgent is { } ua && (ua.Length > 512 || FreeText.Problem(ua) is not null))
        {
            errors[$"{at}.userAgent"] = ["must be text of at most 512 characters"];
        }
    }
}
