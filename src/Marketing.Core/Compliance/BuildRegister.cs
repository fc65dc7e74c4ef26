using System.Globalization;
using Marketing.Consent;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Compliance;

/// <summary>
/// The register of processing activities (R42, E3): one row per purpose, generated from the configuration (the purpose
/// and its bases, the fields each published form collects for it, the processors of its channels and their transfers,
/// its retention, the engine's security measures) with the DPO's free-text fields. Every art. 30 field is filled, or
/// says "N/A" and why.
/// </summary>
public static class BuildRegister
{
    /// <summary>What the settings say about the controller and its channels.</summary>
    public sealed record Context(string? ControllerName, string? ControllerAddress, DpoContact Dpo, ChannelProcessors Channels);

    /// <summary>Years proof of consent is kept after processing ends (R41's default).</summary>
    public const int ProofYears = 5;

    /// <summary>Which channel of the engine carries a purpose's channel to a processor.</summary>
    private static readonly Dictionary<string, string[]> ProcessorChannels = new()
    {
        [ChannelKeys.Email] = ["smtp", "mailbox"],
        [ChannelKeys.Sms] = ["twilio"],
    };

    public static async Task<IReadOnlyList<RegisterRow>> HandleAsync(MarketingDbContext db, Context context, RegisterTexts texts, CancellationToken ct)
    {
        var purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct);
        var entries = await db.RegisterEntries.AsNoTracking().ToDictionaryAsync(e => e.PurposeKey, ct);
        var processors = await db.Processors.AsNoTracking().OrderBy(p => p.Key).ToListAsync(ct);
        var fields = await FieldsByPurposeAsync(db, ct);
        return [.. purposes.Select(p => Row(p, entries.GetValueOrDefault(p.Key), processors, fields.GetValueOrDefault(p.Key), context, texts))];
    }

    public static RegisterRow Row(Purpose purpose, RegisterEntry? entry, IReadOnlyList<Processor> processors, IReadOnlySet<string>? fields, Context context, RegisterTexts t)
    {
        var named = context.Channels.Uses.Where(u => u.On).Select(u => u.ProcessorKey).ToHashSet();
        var mine = processors
            .Where(p => !named.Contains(p.Key) // hosting and other processors no channel names receive every purpose's data
                || context.Channels.Uses.Any(u => u.On && u.ProcessorKey == p.Key
                    && purpose.Channels.Any(c => ProcessorChannels.TryGetValue(c, out var channels) && channels.Contains(u.Channel))))
            .ToList();
        var controller = string.Join(", ", new[] { context.ControllerName, context.ControllerAddress }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var description = purpose.Descriptions.TryGetValue(t.Language, out var d) ? d : purpose.Descriptions.Values.FirstOrDefault();
        var transfers = mine.SelectMany(p => TransferRules.TransfersOf(p).Select(x => t.Transfer(x.Country, p.LegalName, Ground(p, x)))).ToList();
        var data = fields is { Count: > 0 }
            ? string.Join(", ", fields.Order(StringComparer.Ordinal)) + "; " + t.ConsentEvidence
            : t.NoForm;
        return new RegisterRow(
            Activity: purpose.Key,
            Name: purpose.NameIn(t.Language),
            Controller: controller.Length > 0 ? controller : t.NotSet,
            Dpo: context.Dpo.Describe(t.Language),
            Representative: t.NoRepresentative,
            Purpose: description ?? purpose.NameIn(t.Language),
            LegalBasis: string.Join("; ", purpose.Bases.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b =>
                b.Value.BalancingTestRef is { } test ? $"{b.Key}: {b.Value.Basis} ({test})" : $"{b.Key}: {b.Value.Basis}")),
            DataSubjects: entry?.DataSubjects ?? t.Generated(t.DefaultDataSubjects),
            PersonalData: data,
            Recipients: string.Join("; ", new[] { t.Staff }
                .Concat(mine.Count == 0 ? [t.NoProcessor] : mine.Select(p => $"{p.LegalName} ({p.Service}; {string.Join(", ", p.StorageCountries)})"))
                .Concat(entry?.Recipients is { } more ? [more] : [])),
            Transfers: transfers.Count > 0 ? string.Join("; ", transfers) : t.NoTransfer,
            Retention: t.Retention(purpose.RetentionDays, ProofYears),
            Security: entry?.SecurityMeasures is { } own ? $"{t.Security}; {own}" : t.Security,
            Processors: mine.Count > 0 ? string.Join("; ", mine.Select(p => $"{p.Key}: {p.LegalName}")) : "N/A: " + t.NoProcessor,
            Dpia: entry?.DpiaReference ?? t.NoDpia,
            Created: purpose.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            LastReviewed: entry?.ReviewedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? t.NotReviewed,
            Reviewer: entry?.ReviewedBy ?? t.NotReviewed,
            Notes: entry?.Notes ?? "");
    }

    /// <summary>R44: how a transfer is covered, in the words of its mechanism.</summary>
    private static string Ground(Processor p, TransferRules.Transfer transfer) => transfer.Standing switch
    {
        CountryStanding.Adequate => "adequacy",
        CountryStanding.AdequateIfDpfCertified when p.DpfCertified => $"dpf (checked {p.DpfVerifiedOn:yyyy-MM-dd})",
        _ when transfer.Covered => $"{p.TransferMechanism} ({p.TransferDocument})",
        _ => "NO MECHANISM DECLARED (R44)",
    };

    /// <summary>The names of the fields each purpose's published forms collect (the latest version of each form).</summary>
    private static async Task<Dictionary<string, IReadOnlySet<string>>> FieldsByPurposeAsync(MarketingDbContext db, CancellationToken ct)
    {
        var latest = await db.Forms.AsNoTracking().Where(f => f.LatestVersion > 0).Select(f => new { f.Id, f.LatestVersion }).ToListAsync(ct);
        var result = new Dictionary<string, HashSet<string>>();
        foreach (var form in latest)
        {
            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.FormId == form.Id && v.Version == form.LatestVersion, ct);
            foreach (var consent in version.Snapshot.Consents)
            {
                var set = result.TryGetValue(consent.PurposeKey, out var s) ? s : result[consent.PurposeKey] = [];
                set.UnionWith(version.Snapshot.Fields.Select(f => f.Name).OfType<string>());
            }
        }

        return result.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value);
    }
}

/// <summary>One processing activity of the register (E3), every field text. <see cref="Notes"/> is the DPO's own and may be empty.</summary>
public sealed record RegisterRow(
    string Activity, string Name, string Controller, string Dpo, string Representative, string Purpose, string LegalBasis,
    string DataSubjects, string PersonalData, string Recipients, string Transfers, string Retention, string Security,
    string Processors, string Dpia, string Created, string LastReviewed, string Reviewer, string Notes)
{
    /// <summary>The art. 30 fields in the order of <see cref="RegisterTexts.Columns"/>.</summary>
    public IReadOnlyList<string> Fields() =>
        [Activity, Name, Controller, Dpo, Representative, Purpose, LegalBasis, DataSubjects, PersonalData, Recipients, Transfers, Retention, Security,
            Processors, Dpia, Created, LastReviewed, Reviewer];

    /// <summary>R42: the columns left empty (each must be filled or say N/A and why).</summary>
    public IReadOnlyList<int> EmptyFields() => [.. Fields().Select((f, i) => (f, i)).Where(x => string.IsNullOrWhiteSpace(x.f)).Select(x => x.i)];
}
