using Marketing.Access;
using Marketing.Capture;
using Marketing.Consent;
using Marketing.Leads;
using Marketing.Nurture;
using Marketing.Diagnostics;
using Marketing.Sending;
using Marketing.Sites;
using Marketing.Channels.Sms;
using Marketing.Suppression;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketing.Data;

public sealed class MarketingDbContext(DbContextOptions<MarketingDbContext> options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Microsoft.AspNetCore.Identity.IdentityUserPasskey<Guid>> UserPasskeys => Set<Microsoft.AspNetCore.Identity.IdentityUserPasskey<Guid>>();
    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<ScheduledProbe> ScheduledProbes => Set<ScheduledProbe>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Purpose> Purposes => Set<Purpose>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<NoticeVersion> NoticeVersions => Set<NoticeVersion>();
    public DbSet<Form> Forms => Set<Form>();
    public DbSet<FormVersion> FormVersions => Set<FormVersion>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<ConsentEvent> ConsentEvents => Set<ConsentEvent>();
    public DbSet<ConsentState> ConsentStates => Set<ConsentState>();
    public DbSet<ConsentWording> ConsentWordings => Set<ConsentWording>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<Banner> Banners => Set<Banner>();
    public DbSet<BannerVersion> BannerVersions => Set<BannerVersion>();
    public DbSet<CookieConsentRecord> CookieConsentRecords => Set<CookieConsentRecord>();
    public DbSet<DoubleOptInRequest> DoubleOptInRequests => Set<DoubleOptInRequest>();
    public DbSet<SuppressionEntry> Suppressions => Set<SuppressionEntry>();
    public DbSet<DeliveryFeedback> DeliveryFeedback => Set<DeliveryFeedback>();
    public DbSet<SendingPause> SendingPauses => Set<SendingPause>();
    public DbSet<Marketing.Channels.Email.DomainCheck> DomainChecks => Set<Marketing.Channels.Email.DomainCheck>();
    public DbSet<SendRecord> SendRecords => Set<SendRecord>();
    public DbSet<Marketing.Broadcasts.Broadcast> Broadcasts => Set<Marketing.Broadcasts.Broadcast>();
    public DbSet<Marketing.Tracking.CampaignClickCount> CampaignClickCounts => Set<Marketing.Tracking.CampaignClickCount>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<Sequence> Sequences => Set<Sequence>();
    public DbSet<SequenceVersion> SequenceVersions => Set<SequenceVersion>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<NurtureCursor> NurtureCursors => Set<NurtureCursor>();
    public DbSet<SmsReply> SmsReplies => Set<SmsReply>();
    public DbSet<Marketing.Compliance.DataSubjectRequest> DataSubjectRequests => Set<Marketing.Compliance.DataSubjectRequest>();
    public DbSet<Marketing.Compliance.DataSubjectRequestEvent> DataSubjectRequestEvents => Set<Marketing.Compliance.DataSubjectRequestEvent>();
    public DbSet<Marketing.Compliance.Erasure> Erasures => Set<Marketing.Compliance.Erasure>();
    public DbSet<Marketing.Compliance.LegalHold> LegalHolds => Set<Marketing.Compliance.LegalHold>();
    public DbSet<Marketing.Compliance.RestrictedRecord> RestrictedRecords => Set<Marketing.Compliance.RestrictedRecord>();
    public DbSet<Marketing.Compliance.Processor> Processors => Set<Marketing.Compliance.Processor>();
    public DbSet<Marketing.Compliance.ProcessorChange> ProcessorChanges => Set<Marketing.Compliance.ProcessorChange>();
    public DbSet<Marketing.Compliance.RegisterEntry> RegisterEntries => Set<Marketing.Compliance.RegisterEntry>();
    public DbSet<Marketing.Compliance.Incident> Incidents => Set<Marketing.Compliance.Incident>();
    public DbSet<Marketing.Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Marketing.Webhooks.WebhookEndpoint>();
    public DbSet<Marketing.Webhooks.WebhookEvent> WebhookEvents => Set<Marketing.Webhooks.WebhookEvent>();
    public DbSet<Marketing.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Marketing.Webhooks.WebhookDelivery>();
    public DbSet<Marketing.Webhooks.SuppressionAcknowledgement> SuppressionAcknowledgements => Set<Marketing.Webhooks.SuppressionAcknowledgement>();
    public DbSet<Marketing.Compliance.ProcessorNotice> ProcessorNotices => Set<Marketing.Compliance.ProcessorNotice>();
    public DbSet<Marketing.Compliance.EvidencePurge> EvidencePurges => Set<Marketing.Compliance.EvidencePurge>();
    public DbSet<Marketing.Segments.Segment> Segments => Set<Marketing.Segments.Segment>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = PrepareSave();
        try
        {
            await CopyNameKeysAsync(async: true, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = PrepareSave();
        try
        {
            // Synchronous all through: with async false nothing in it awaits.
            CopyNameKeysAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// A person's address hashes follow their email and phone (<see cref="Person.EmailHash"/>): segments compare them with
    /// the suppression list in SQL. Without a hasher among the application's services they stay null, and a segment
    /// leaves the person out rather than risk a suppressed address.
    /// </summary>
    private void HashAddresses()
    {
        AddressHasher? hasher = null;
        foreach (var entry in ChangeTracker.Entries<Person>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)
                || (entry.State == EntityState.Modified && !entry.Property(p => p.Email).IsModified && !entry.Property(p => p.Phone).IsModified))
            {
                continue;
            }

            hasher ??= this.GetService<IDbContextOptions>()
                .FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
                .GetService(typeof(AddressHasher)) as AddressHasher;
            var person = entry.Entity;
            var phone = Identifiers.PhoneKey(person.Phone);
            SetIfChanged(entry, p => p.EmailHash, person.Email is null || hasher is null ? null : hasher.HashNormalized(person.Email));
            SetIfChanged(entry, p => p.PhoneHash, phone is null || hasher is null ? null : hasher.HashNormalized(phone));
        }

        static void SetIfChanged(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Person> entry,
            System.Linq.Expressions.Expression<Func<Person, string?>> property, string? value)
        {
            var column = entry.Property(property);
            if (column.CurrentValue != value)
            {
                column.CurrentValue = value;
            }
        }
    }

    /// <summary>Detects changes once, refuses forbidden ones, and spares SaveChanges a second detection pass.</summary>
    private bool PrepareSave()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            RefuseChangesToAppendOnlyRows();
            RefuseUnstorableText();
            HashAddresses();
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
            throw;
        }

        return detect;
    }

    /// <summary>
    /// Each consent state carries its person's folded name (<see cref="ConsentState.NameKey"/>): a new state takes it, and
    /// a person whose name changes passes it to all their states, in the same save.
    /// </summary>
    private async Task CopyNameKeysAsync(bool async, CancellationToken ct)
    {
        var added = ChangeTracker.Entries<ConsentState>().Where(e => e.State == EntityState.Added).ToList();
        var renamed = ChangeTracker.Entries<Person>()
            .Where(e => e.State == EntityState.Modified && e.Property(p => p.NameKey).IsModified)
            .ToDictionary(e => e.Entity.Id, e => e.Entity.NameKey);
        if (added.Count == 0 && renamed.Count == 0)
        {
            return;
        }

        var names = new Dictionary<Guid, string?>();
        foreach (var person in ChangeTracker.Entries<Person>().Where(e => e.State != EntityState.Deleted))
        {
            names[person.Entity.Id] = person.Entity.NameKey;
        }

        var unknown = added.Select(e => e.Entity.PersonId).Where(id => !names.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var stored = People.AsNoTracking().Where(p => unknown.Contains(p.Id)).Select(p => new { p.Id, p.NameKey });
            foreach (var person in async ? await stored.ToListAsync(ct) : stored.ToList())
            {
                names[person.Id] = person.NameKey;
            }
        }

        foreach (var state in added)
        {
            state.Property(s => s.NameKey).CurrentValue = names.GetValueOrDefault(state.Entity.PersonId);
        }

        if (renamed.Count > 0)
        {
            var ids = renamed.Keys.ToList();
            var states = ConsentStates.Where(s => ids.Contains(s.PersonId));
            foreach (var state in async ? await states.ToListAsync(ct) : states.ToList())
            {
                Entry(state).Property(s => s.NameKey).CurrentValue = renamed[state.PersonId];
            }
        }
    }

    /// <summary>
    /// The consent ledger is append-only (R15), published wording, forms and banners are immutable (R12, R28),
    /// and so is every cookie-consent record kept as proof (R28), and the audit log (R49): the application can add such
    /// rows, never change or remove them. (The audit log's retention purge deletes in bulk, in PurgeAuditLog alone, and
    /// an architecture test keeps every other bulk change away from these tables.)
    /// </summary>
    private void RefuseChangesToAppendOnlyRows()
    {
        var offending = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Modified or EntityState.Deleted)
            .FirstOrDefault(e => e.Entity is ConsentEvent or NoticeVersion or FormVersion or BannerVersion or CookieConsentRecord or SequenceVersion or AuditEntry or Marketing.Compliance.ProcessorChange);
        if (offending is not null)
        {
            throw new AppendOnlyViolationException(offending.Entity.GetType().Name, offending.State.ToString());
        }
    }

    /// <summary>
    /// Text that <see cref="StoredText"/> refuses never reaches either database: PostgreSQL would fail the whole
    /// transaction on a NUL and SQLite would keep it, so both refuse it here alike. Endpoints refuse it earlier, naming the field.
    /// </summary>
    private void RefuseUnstorableText()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }

                var text = property.CurrentValue switch
                {
                    string s => s,
                    null => null,
                    // A primitive collection (a text[] on PostgreSQL, JSON on SQLite).
                    IEnumerable<string> items => items.FirstOrDefault(i => i is not null && StoredText.FirstRefused(i) >= 0),
                    // A value object kept as JSON text (JsonColumn): a control character is escaped there, and refused the same.
                    var value when property.Metadata.GetValueConverter() is { ProviderClrType: var provider } converter && provider == typeof(string)
                        => converter.ConvertToProvider(value) is string json && StoredText.HasEscapedControl(json) ? "\0" : null,
                    _ => null,
                };
                if (text is not null && StoredText.FirstRefused(text) >= 0)
                {
                    throw new UnstorableTextException(entry.Metadata.ClrType.Name, property.Metadata.Name, StoredText.Describe(text));
                }
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type: EF cannot compare or order DateTimeOffset stored as text,
        // so store UTC ticks there. PostgreSQL keeps its native timestamptz.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketingDbContext).Assembly);
    }
}
