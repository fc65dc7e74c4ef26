using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Marketing.Access;
using Marketing.Capture;
using Marketing.Common;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Leads;

/// <summary>
/// A CSV list of contacts from another organisation (R51, R33, R52), in two steps: <see cref="StartAsync"/> records the
/// batch with its provenance, <see cref="RunAsync"/> streams the file in chunks from the batch's checkpoint. Each chunk
/// commits its people, their ledger events and the checkpoint together, so a crash loses at most the chunk in flight and a
/// second run resumes without duplicates. Suppressed addresses (erased people's keyed hashes included) are counted and
/// never imported; an address already stored is merged by the identity rule (the stored person is not changed); a bad
/// line is refused with its number. One run at a time reads a batch: it claims the batch with a lease, renews it with each
/// checkpoint and stops when another run took the batch over, so a crashed node's batch goes on elsewhere within
/// <see cref="Lease"/>.
/// </summary>
public static partial class ImportContacts
{
    public const int ChunkSize = 1000;
    private static readonly string[] KnownColumns = ["email", "phone", "country", "locale", "consented_at"];

    public sealed record Meta(string? SourceOrganisation, string? ContractReference = null, DateTimeOffset? CollectedFrom = null, DateTimeOffset? CollectedTo = null,
        List<string>? CollectionUrls = null, string? ConsentWording = null, List<string>? PartnersShown = null, List<string>? Channels = null,
        List<string>? Purposes = null, string? ProofLocation = null, string? FileName = null);

    public static async Task<Outcome<ImportBatch>> StartAsync(MarketingDbContext db, TimeProvider clock, Meta meta, string actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(meta.SourceOrganisation) || meta.SourceOrganisation.Length > 200 || FreeText.Problem(meta.SourceOrganisation) is not null)
        {
            errors["sourceOrganisation"] = ["the organisation the list comes from is required, at most 200 characters"];
        }

        if (meta.CollectedFrom is { } from && meta.CollectedTo is { } to && from > to)
        {
            errors["collectedTo"] = ["must not be before collectedFrom"];
        }

        if ((meta.CollectionUrls ?? []).Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || u.Length > 2000))
        {
            errors["collectionUrls"] = ["each must be an absolute http(s) address"];
        }

        if (meta.ConsentWording is { } wording && (wording.Length > ConsentWording.MaxLength || FreeText.Problem(wording, multiline: true) is not null))
        {
            errors["consentWording"] = [$"must be text of at most {ConsentWording.MaxLength} characters"];
        }

        if ((meta.Channels ?? []).Any(c => c is not (ChannelKeys.Email or ChannelKeys.Sms)))
        {
            errors["channels"] = ["each must be email or sms"];
        }

        var keys = meta.Purposes ?? [];
        var purposes = await db.Purposes.AsNoTracking().Where(p => keys.Contains(p.Key)).Select(p => p.Key).ToListAsync(ct);
        if (keys.FirstOrDefault(k => !purposes.Contains(k)) is { } unknown)
        {
            errors["purposes"] = [$"'{unknown}' names no declared purpose"];
        }

        if (meta.ProofLocation is { Length: > 2000 })
        {
            errors["proofLocation"] = ["must be at most 2000 characters"];
        }

        if (errors.Count > 0)
        {
            return Refusal.Fields(errors);
        }

        var now = clock.GetUtcNow();
        // R51: without the wording, the partners shown, what it covers and where each record's proof lies, no consent is claimed.
        var proof = !string.IsNullOrWhiteSpace(meta.ConsentWording) && meta.PartnersShown is { Count: > 0 } && keys.Count > 0
            && meta.Channels is { Count: > 0 } && !string.IsNullOrWhiteSpace(meta.ProofLocation);
        string? wordingHash = null;
        if (meta.ConsentWording is { } text && !string.IsNullOrWhiteSpace(text))
        {
            wordingHash = ConsentWording.HashOf(text);
            if (await db.ConsentWordings.FindAsync([wordingHash], ct) is null)
            {
                db.ConsentWordings.Add(new ConsentWording { Sha256 = wordingHash, Text = text, FirstSeenAt = now });
            }
        }

        var batch = new ImportBatch
        {
            Id = Guid.CreateVersion7(), SourceOrganisation = meta.SourceOrganisation!.Trim(), ContractReference = meta.ContractReference?.Trim(),
            CollectedFrom = meta.CollectedFrom, CollectedTo = meta.CollectedTo, CollectionUrls = meta.CollectionUrls ?? [], ConsentWordingSha256 = wordingHash,
            PartnersShown = meta.PartnersShown ?? [], Channels = meta.Channels ?? [], Purposes = keys, ProofLocation = meta.ProofLocation,
            HasConsentProof = proof, FileName = meta.FileName is { } name ? Path.GetFileName(name)[..Math.Min(260, Path.GetFileName(name).Length)] : null,
            Status = ImportStatuses.Running, CreatedBy = actor, CreatedAt = now, UpdatedAt = now,
        };
        db.ImportBatches.Add(batch);
        db.AuditEntries.Add(AuditEntry.CreateAt(now, actor, "import.started", batch.Id.ToString(), $"source={batch.SourceOrganisation} proof={proof}"));
        await db.SaveChangesAsync(ct);
        return batch;
    }

    /// <summary>
    /// How long a run holds its batch without a checkpoint. Each chunk's checkpoint renews it, so only a run that died
    /// (or stalled this long on one chunk) loses its batch, and the minutely job on any node takes it over soon after.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claims the batch and reads the file from the line after its checkpoint to its end. <paramref name="progress"/>
    /// hears the batch after each committed chunk. A completed batch is returned as it is; a batch another run holds, or
    /// one this run lost to a takeover after its lease ran out, is a <see cref="Refusal.Conflict"/> and nothing more is
    /// committed by this run.
    /// </summary>
    public static async Task<Outcome<ImportBatch>> RunAsync(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, Guid batchId, Stream csvText,
        Action<ImportBatch>? progress, CancellationToken ct)
    {
        var token = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        var now = clock.GetUtcNow();
        // Two runs of one batch would read the same lines: only the run whose conditional update wins the lease reads.
        if (await db.ImportBatches.Where(b => b.Id == batchId && b.Status == ImportStatuses.Running && (b.ClaimedUntil == null || b.ClaimedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.ClaimedBy, token).SetProperty(b => b.ClaimedUntil, now + Lease), ct) == 0)
        {
            return await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct) switch
            {
                null => new Refusal.NotFound(),
                { Status: ImportStatuses.Completed } completed => completed,
                var held => Held(held),
            };
        }

        try
        {
            return await ReadAsync(db, hasher, clock, batchId, token, csvText, progress, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another run took the batch over after this one's lease ran out: the chunk in flight was not committed.
            db.ChangeTracker.Clear();
            return Held(await db.ImportBatches.AsNoTracking().SingleAsync(b => b.Id == batchId, CancellationToken.None));
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.ImportBatches.Where(b => b.Id == batchId && b.ClaimedBy == token)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.ClaimedBy, (string?)null).SetProperty(b => b.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
    }

    private static Refusal.Conflict Held(ImportBatch batch) =>
        new("the import is being read by another run", $"line {batch.LinesDone} done; held by {batch.ClaimedBy} until {batch.ClaimedUntil:u}");

    private static async Task<Outcome<ImportBatch>> ReadAsync(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, Guid batchId, string token,
        Stream csvText, Action<ImportBatch>? progress, CancellationToken ct)
    {
        // The claim was written past the context: a batch it already tracks would carry no claim and fail its first checkpoint.
        db.ChangeTracker.Clear();
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == batchId, ct);
        var badLine = false;
        using var reader = new StreamReader(csvText);
        using var csv = new CsvReader(reader, Configuration(() => badLine = true));
        var (header, refusal) = await ReadHeaderAsync(csv);
        if (refusal is not null)
        {
            return refusal;
        }

        var chunk = new List<(long Line, string[] Fields, bool Bad)>(ChunkSize);
        while (await csv.ReadAsync())
        {
            var line = csv.Parser.RawRow;
            if (line <= batch.LinesDone)
            {
                badLine = false;
                continue;
            }

            chunk.Add((line, csv.Parser.Record ?? [], badLine));
            badLine = false;
            if (chunk.Count == ChunkSize)
            {
                batch = await CommitChunkAsync(db, hasher, clock, batch, header, chunk, ct);
                progress?.Invoke(batch);
                chunk.Clear();
                if (batch.ClaimedBy != token)
                {
                    return Held(batch);
                }
            }
        }

        batch = await CommitChunkAsync(db, hasher, clock, batch, header, chunk, ct, last: true);
        progress?.Invoke(batch);
        return batch;
    }

    /// <summary>
    /// The file's first line, checked before a batch is recorded, so that the API refuses at once (400 naming
    /// <c>file</c> and line 1) a file its job could not read. The stream is left open and unread past what was needed.
    /// </summary>
    public static async Task<Refusal.Invalid?> CheckHeaderAsync(Stream csvText)
    {
        using var reader = new StreamReader(csvText, leaveOpen: true);
        using var csv = new CsvReader(reader, Configuration(() => { }));
        return (await ReadHeaderAsync(csv)).Refusal;
    }

    private static CsvConfiguration Configuration(Action badData) => new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), MissingFieldFound = null, BadDataFound = _ => badData(), DetectDelimiter = true,
    };

    private static async Task<(List<string> Header, Refusal.Invalid? Refusal)> ReadHeaderAsync(CsvReader csv)
    {
        const string NoHeader = "line 1 must be a header naming the column 'email' or 'phone'";
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            return ([], Refusal.Field("file", NoHeader));
        }

        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (!header.Contains("email") && !header.Contains("phone"))
        {
            return ([], Refusal.Field("file", NoHeader));
        }

        if (header.FirstOrDefault(h => !KnownColumns.Contains(h) && !AttributeName().IsMatch(h)) is { } wrong)
        {
            return ([], Refusal.Field("file", $"line 1: column '{wrong}' is neither {string.Join(", ", KnownColumns)} nor an attribute name (lowercase letters, digits, '_')"));
        }

        return (header, null);
    }

    private static async Task<ImportBatch> CommitChunkAsync(MarketingDbContext db, AddressHasher hasher, TimeProvider clock, ImportBatch batch,
        List<string> header, List<(long Line, string[] Fields, bool Bad)> chunk, CancellationToken ct, bool last = false)
    {
        var now = clock.GetUtcNow();
        var rows = new List<(long Line, string? Email, string? Phone, string? Country, string? Locale, DateTimeOffset? ConsentedAt, Dictionary<string, string> Attributes)>();
        foreach (var (line, fields, bad) in chunk)
        {
            batch.RowsRead++;
            if (Parse(header, line, fields, bad) is { } refused)
            {
                Refuse(batch, refused);
                continue;
            }

            string? Field(string name) => header.IndexOf(name) is var i and >= 0 && i < fields.Length && fields[i].Trim() is { Length: > 0 } v ? v : null;
            var country = Field("country")?.ToUpperInvariant();
            Identifiers.TryNormalizeEmail(Field("email"), out var email);
            Identifiers.TryNormalizePhone(Field("phone"), country ?? "ZZ", out var phone);
            var attributes = header.Select((h, i) => (h, i)).Where(x => !KnownColumns.Contains(x.h) && x.i < fields.Length && fields[x.i].Trim().Length > 0)
                .ToDictionary(x => x.h, x => fields[x.i].Trim());
            rows.Add((line, email.Length > 0 ? email : null, phone.Length > 0 ? phone : null, country, Field("locale"),
                DateTimeOffset.TryParse(Field("consented_at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null, attributes));
        }

        var emails = rows.Select(r => r.Email).OfType<string>().Distinct().ToList();
        var phones = rows.Select(r => r.Phone).OfType<string>().Distinct().ToList();
        var holders = await db.People.AsNoTracking().Where(p => (p.Email != null && emails.Contains(p.Email)) || (p.Phone != null && phones.Contains(p.Phone)))
            .ToListAsync(ct);
        var byEmail = holders.Where(p => p.Email is not null).ToDictionary(p => p.Email!);
        var byPhone = holders.Where(p => p.Phone is not null).ToDictionary(p => p.Phone!);
        var hashes = emails.Concat(phones).Select(hasher.HashNormalized).ToList();
        var suppressed = (await db.Suppressions.AsNoTracking().Where(s => hashes.Contains(s.AddressHash)).Select(s => s.AddressHash).ToListAsync(ct)).ToHashSet();
        var purposes = batch.HasConsentProof ? await db.Purposes.AsNoTracking().Where(p => batch.Purposes.Contains(p.Key)).ToListAsync(ct) : [];

        foreach (var row in rows)
        {
            // R33, R34: a suppressed address, an erased person's included, is never brought back, in whatever case it is written.
            if ((row.Email is not null && suppressed.Contains(hasher.HashNormalized(row.Email))) || (row.Phone is not null && suppressed.Contains(hasher.HashNormalized(row.Phone))))
            {
                batch.Suppressed++;
                continue;
            }

            var match = IdentityMatch.Resolve(row.Email, row.Phone, row.Email is null ? null : byEmail.GetValueOrDefault(row.Email),
                row.Phone is null ? null : byPhone.GetValueOrDefault(row.Phone));
            if (match.Kind == SubmissionIdentities.Returning)
            {
                // Invariant 7: the list proves nothing about a stored person; they are counted, not changed.
                batch.Merged++;
                continue;
            }

            if (match.Kind == SubmissionIdentities.Split)
            {
                Refuse(batch, new RefusedLine(row.Line, "phone", match.Review!));
                continue;
            }

            var person = new Person
            {
                Id = Guid.CreateVersion7(), Email = row.Email, Phone = row.Phone, Country = row.Country, Locale = row.Locale, Regime = Regimes.Resolve(row.Country, false),
                Source = $"import:{batch.Id}", CreatedAt = now, UpdatedAt = now, CollectedIndirectlyAt = now, Attributes = row.Attributes,
            };
            db.People.Add(person);
            if (row.Email is not null)
            {
                byEmail.TryAdd(row.Email, person);
            }

            if (row.Phone is not null)
            {
                byPhone.TryAdd(row.Phone, person);
            }

            batch.Created++;
            AppendConsents(db, batch, purposes, person, row.ConsentedAt ?? batch.CollectedTo ?? batch.CreatedAt);
        }

        batch.LinesDone = chunk.Count > 0 ? chunk[^1].Line : batch.LinesDone;
        batch.UpdatedAt = now;
        // The lease is renewed with the checkpoint; the claim is a concurrency token, so a run that lost it commits nothing.
        batch.ClaimedUntil = now + Lease;
        if (last)
        {
            batch.ClaimedBy = null;
            batch.ClaimedUntil = null;
            batch.Status = ImportStatuses.Completed;
            batch.CompletedAt = now;
            db.AuditEntries.Add(AuditEntry.CreateAt(now, batch.CreatedBy, "import.completed", batch.Id.ToString(),
                $"read={batch.RowsRead} created={batch.Created} merged={batch.Merged} suppressed={batch.Suppressed} refused={batch.Refused}"));
        }

        // A new list: EF notices a replaced JSON value where it might miss an edited one.
        batch.RefusedLines = [.. batch.RefusedLines];
        await db.SaveChangesAsync(ct);
        var id = batch.Id;
        // Flat memory over a million rows: nothing of this chunk stays tracked.
        db.ChangeTracker.Clear();
        return await db.ImportBatches.SingleAsync(b => b.Id == id, ct);
    }

    /// <summary>R51: a batch with its consent proof gives each new person a granted consent per purpose and channel it covers, through the ledger's append path.</summary>
    private static void AppendConsents(MarketingDbContext db, ImportBatch batch, List<Purpose> purposes, Person person, DateTimeOffset consentedAt)
    {
        foreach (var purpose in purposes)
        {
            foreach (var channel in batch.Channels.Where(purpose.Channels.Contains))
            {
                var identifier = channel == ChannelKeys.Email ? person.Email : person.Phone;
                if (identifier is null)
                {
                    continue;
                }

                var appended = ConsentLedger.Append(person, new ConsentEvent
                {
                    Id = Guid.CreateVersion7(), PersonId = person.Id, Identifier = identifier, IdentifierType = channel == ChannelKeys.Email ? ChannelKeys.Email : "phone",
                    PurposeId = purpose.Id, PurposeKey = purpose.Key, Channel = channel, Regime = person.Regime, Status = ConsentStatuses.Granted,
                    Method = ConsentMethods.ApiImport, OccurredAt = LedgerHash.StorableTime(consentedAt), NoticeSha256 = batch.ConsentWordingSha256,
                    Locale = person.Locale, PageUrl = batch.CollectionUrls.FirstOrDefault(), Source = batch.SourceOrganisation,
                }, null);
                db.ConsentEvents.Add(appended.Event);
                db.ConsentStates.Add(appended.State);
            }
        }
    }

    private static RefusedLine? Parse(List<string> header, long line, string[] fields, bool bad)
    {
        if (bad)
        {
            return new RefusedLine(line, "line", "is not well-formed CSV (a stray quote)");
        }

        if (fields.Length > header.Count)
        {
            return new RefusedLine(line, "line", $"has {fields.Length} fields where the header names {header.Count}");
        }

        string? Field(string name) => header.IndexOf(name) is var i and >= 0 && i < fields.Length && fields[i].Trim() is { Length: > 0 } v ? v : null;
        var email = Field("email");
        var phone = Field("phone");
        var country = Field("country");
        if (email is null && phone is null)
        {
            return new RefusedLine(line, "email", "neither an email address nor a phone number");
        }

        if (email is not null && !Identifiers.TryNormalizeEmail(email, out _))
        {
            return new RefusedLine(line, "email", "is not a valid email address");
        }

        if (country is not null && !FormRules.IsKnownRegion(country.ToUpperInvariant()))
        {
            return new RefusedLine(line, "country", "is not an ISO 3166 country code such as FR");
        }

        if (phone is not null && !Identifiers.TryNormalizePhone(phone, country?.ToUpperInvariant() ?? "ZZ", out _))
        {
            return new RefusedLine(line, "phone", "is not a valid phone number (E.164, or national with the country given)");
        }

        if (Field("locale") is { } locale && !PurposeRules.IsValidLocale(locale))
        {
            return new RefusedLine(line, "locale", "is not a locale such as en or fr-FR");
        }

        if (Field("consented_at") is { } at && !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return new RefusedLine(line, "consented_at", "is not a date and time (ISO 8601)");
        }

        for (var i = 0; i < Math.Min(fields.Length, header.Count); i++)
        {
            if (!KnownColumns.Contains(header[i]) && (fields[i].Length > CorrectPerson.MaxAttributeLength || FreeText.Problem(fields[i]) is not null))
            {
                return new RefusedLine(line, header[i], $"must be text of at most {CorrectPerson.MaxAttributeLength} characters");
            }
        }

        return null;
    }

    private static void Refuse(ImportBatch batch, RefusedLine refused)
    {
        batch.Refused++;
        if (batch.RefusedLines.Count < ImportBatch.MaxRefusedLinesKept)
        {
            batch.RefusedLines.Add(refused);
        }
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex AttributeName();
}
