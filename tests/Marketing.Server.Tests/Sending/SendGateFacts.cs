using System.Reflection;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Sending;


/// <summary>The gate's rules, one case each, on rows written straight into the engine's database.</summary>
public sealed class SendGateFacts(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly AddressHasher Hasher = new("gate-facts-secret-0123456789abcdef01");
    private static readonly SenderIdentity Sender = new("Acme SAS", "1 rue de l'Exemple, 75001 Paris");

    [Theory]
    [InlineData("fr", "consent", ConsentStatuses.Confirmed, null, "consent confirmed")]
    [InlineData("fr", "consent", ConsentStatuses.Granted, null, "consent granted")]
    [InlineData("fr", "consent", ConsentStatuses.PendingConfirmation, BlockCodes.ConsentPending, "pending double opt-in")]
    [InlineData("fr", "consent", null, BlockCodes.NoConsent, "no consent recorded")]
    [InlineData("fr", "consent", ConsentStatuses.Withdrawn, BlockCodes.ConsentWithdrawn, "consent withdrawn")]
    [InlineData("fr", "consent", ConsentStatuses.Expired, BlockCodes.ConsentExpired, "consent expired")]
    [InlineData("fr-b2b", "legitimate_interest", null, BlockCodes.RelevanceNotAttested, "relevant to the recipient's role (relevantToRole, R4)")]
    [InlineData("us-b2b", "legitimate_interest", null, null, "legitimate interest for regime 'us-b2b'")]
    [InlineData("fr-b2b", "legitimate_interest", ConsentStatuses.Objected, BlockCodes.ConsentObjected, "consent objected")]
    [InlineData("de-b2b", "legitimate_interest", null, BlockCodes.LegitimateInterestNotAllowed, "never a basis for electronic marketing in Germany")]
    [InlineData("fr", "legitimate_interest", null, BlockCodes.LegitimateInterestNotAllowed, "does not carry electronic marketing to consumers")]
    [InlineData("ca", "legitimate_interest", null, BlockCodes.LegitimateInterestNotAllowed, "Canadian law needs consent")]
    [InlineData("fr", "contract", null, BlockCodes.BasisNotForMarketing, "does not allow marketing")]
    [InlineData("us", null, null, BlockCodes.NoBasisForRegime, "declares no lawful basis for regime 'us'")]
    public async Task Marketing_NeedsAnActiveBasis_InThePersonsRegime(string regime, string? basis, string? state, string? code, string reason)
    {
        var (person, purpose) = await SeedAsync(regime, basis, state);

        var decision = await DecideAsync(Record(person, purpose.Key, MessageTypes.Marketing), Sender);

        var allowed = code is null;
        Assert.Equal((allowed, code), (decision.Allowed, decision.Code));
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
        if (allowed)
        {
            Assert.NotNull(decision.EvidenceId);
            Assert.Equal(person.Email, decision.Address);
        }
        else
        {
            Assert.Null(decision.Address);
        }
    }

    [Theory]
    [InlineData(null, "gate.{0}@example.com", "engineer", BlockCodes.RelevanceNotAttested, "relevant to the recipient's role")]
    [InlineData(false, "gate.{0}@example.com", "engineer", BlockCodes.RelevanceNotAttested, "relevant to the recipient's role")]
    [InlineData(true, "gate.{0}@example.com", null, BlockCodes.RoleUnknown, "needs the person's role or industry")]
    [InlineData(true, "gate.{0}@example.com", "head of purchasing", null, "relevance to the role attested")]
    [InlineData(true, "contact.{0}@example.com", null, BlockCodes.RoleUnknown, "needs the person's role or industry")]
    [InlineData(true, "contact@{0}.example.com", null, null, "legal_person_address")]
    public async Task B2bProspecting_InFrance_NeedsRelevanceToTheRole_AndARole_UnlessTheMailboxIsACompanys(
        bool? relevant, string addressShape, string? role, string? code, string reason)
    {
        var (person, purpose) = await SeedAsync("fr-b2b", LawfulBases.LegitimateInterest, null, person =>
        {
            person.Email = string.Format(System.Globalization.CultureInfo.InvariantCulture, addressShape, Guid.NewGuid().ToString("N")[..10]);
            if (role is not null)
            {
                person.Attributes["role"] = role;
            }
        });
        var record = Record(person, purpose.Key, MessageTypes.Marketing);
        SendAttestations.Apply(record.Data, relevant, null);

        var decision = await DecideAsync(record, Sender);

        Assert.Equal((code is null, code), (decision.Allowed, decision.Code));
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B2bProspecting_StillStopsAtTheSuppressionList_ForACompanysMailbox()
    {
        var (person, purpose) = await SeedAsync("fr-b2b", LawfulBases.LegitimateInterest, null,
            person => person.Email = $"info@{Guid.NewGuid():N}.example.com");
        await SuppressAsync(person, SuppressionReasons.Unsubscribe);
        var record = Record(person, purpose.Key, MessageTypes.Marketing);
        SendAttestations.Apply(record.Data, true, null);

        var decision = await DecideAsync(record, Sender);

        Assert.Equal((false, BlockCodes.SuppressedAllMarketing), (decision.Allowed, decision.Code));
        Assert.StartsWith("suppressed: unsubscribe", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "shoes", "shoes", true, null, "customer exception: order")]
    [InlineData("de", "shoes", "shoes", true, null, "customer exception: order")]
    [InlineData("fr", "shoes", "shoes", false, BlockCodes.OrderWithoutOptOut, "without offering a way to refuse marketing")]
    [InlineData("fr", "shoes", "kitchen", true, BlockCodes.NoQualifyingOrder, "no order in category 'kitchen'")]
    [InlineData("fr", null, "shoes", true, BlockCodes.NoQualifyingOrder, "no order in category 'shoes'")]
    [InlineData("fr", "shoes", null, true, BlockCodes.NoConsent, "no consent recorded")]
    [InlineData("us", "shoes", "shoes", true, BlockCodes.CustomerExceptionNotApplicable, "does not apply in regime 'us'")]
    public async Task CustomerException_NeedsAnOrderInTheAnalogousCategory_TakenWithAWayToRefuse(
        string regime, string? ordered, string? analogousTo, bool optOutOffered, string? code, string reason)
    {
        var (person, purpose) = await SeedAsync(regime, LawfulBases.Consent, null);
        Purchase? order = null;
        if (ordered is not null)
        {
            order = new Purchase
            {
                Id = Guid.NewGuid(), PersonId = person.Id, Reference = "ORD-1", Category = ordered, OrderedAt = DateTimeOffset.UtcNow.AddDays(-3),
                OptOutOffered = optOutOffered, RecordedAt = DateTimeOffset.UtcNow, Source = "test",
            };
            await app.InScopeAsync(async db =>
            {
                db.Purchases.Add(order);
                await db.SaveChangesAsync();
            });
        }

        var record = Record(person, purpose.Key, MessageTypes.Marketing);
        SendAttestations.Apply(record.Data, null, analogousTo);

        var decision = await DecideAsync(record, Sender);

        Assert.Equal((code is null, code), (decision.Allowed, decision.Code));
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
        if (code is null)
        {
            Assert.Equal("customer_exception", decision.EvidenceKind);
            Assert.Equal(order!.Id.ToString(), decision.EvidenceId);
        }
    }

    [Fact]
    public async Task CustomerException_EndsWhenTheCustomerRefusedMarketingAtAnyOrder()
    {
        var (person, purpose) = await SeedAsync("fr", LawfulBases.Consent, null);
        await app.InScopeAsync(async db =>
        {
            db.Purchases.Add(Order(person, "ORD-3", "shoes", refused: false));
            db.Purchases.Add(Order(person, "ORD-4", "kitchen", refused: true));
            await db.SaveChangesAsync();
        });
        var record = Record(person, purpose.Key, MessageTypes.Marketing);
        SendAttestations.Apply(record.Data, null, "shoes");

        var decision = await DecideAsync(record, Sender);

        Assert.Equal((false, BlockCodes.CustomerRefusedMarketing), (decision.Allowed, decision.Code));
        Assert.True(decision.Refusal);
        Assert.Contains("refused marketing when ordering (ORD-4", decision.Reason, StringComparison.Ordinal);
    }

    private static Purchase Order(Person person, string reference, string category, bool refused) => new()
    {
        Id = Guid.NewGuid(), PersonId = person.Id, Reference = reference, Category = category, OrderedAt = DateTimeOffset.UtcNow.AddDays(-3),
        OptOutOffered = true, RefusedMarketing = refused, RecordedAt = DateTimeOffset.UtcNow, Source = "test",
    };

    [Fact]
    public async Task CustomerException_NeverOverridesAWithdrawal()
    {
        var (person, purpose) = await SeedAsync("fr", LawfulBases.Consent, ConsentStatuses.Withdrawn);
        await app.InScopeAsync(async db =>
        {
            db.Purchases.Add(new Purchase
            {
                Id = Guid.NewGuid(), PersonId = person.Id, Reference = "ORD-2", Category = "shoes", OrderedAt = DateTimeOffset.UtcNow.AddDays(-3),
                OptOutOffered = true, RecordedAt = DateTimeOffset.UtcNow, Source = "test",
            });
            await db.SaveChangesAsync();
        });
        var record = Record(person, purpose.Key, MessageTypes.Marketing);
        SendAttestations.Apply(record.Data, null, "shoes");

        var decision = await DecideAsync(record, Sender);

        Assert.Equal((false, BlockCodes.ConsentWithdrawn), (decision.Allowed, decision.Code));
        Assert.Contains("consent withdrawn", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnythingUnknown_Blocks()
    {
        var (person, purpose) = await SeedAsync("fr", "consent", ConsentStatuses.Confirmed);

        var unknownType = await DecideAsync(Record(person, purpose.Key, "newsletter-ish"), Sender);
        var unknownPurpose = await DecideAsync(Record(person, "no_such_purpose", MessageTypes.Marketing), Sender);
        var unknownPerson = await DecideAsync(Record(new Person { Id = Guid.NewGuid(), Regime = "fr", Source = "x" }, purpose.Key, MessageTypes.Marketing), Sender);
        var noIdentity = await DecideAsync(Record(person, purpose.Key, MessageTypes.Marketing), new SenderIdentity("Acme SAS", null));

        Assert.Equal((false, BlockCodes.UnknownMessageType), (unknownType.Allowed, unknownType.Code));
        Assert.Equal((false, BlockCodes.UnknownPurpose), (unknownPurpose.Allowed, unknownPurpose.Code));
        Assert.Equal((false, BlockCodes.NoPerson), (unknownPerson.Allowed, unknownPerson.Code));
        Assert.Equal((false, BlockCodes.SenderIdentity), (noIdentity.Allowed, noIdentity.Code));
        Assert.Contains("postal address", noIdentity.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionalMail_IgnoresAnUnsubscribe_ButNeverGoesToABouncedAddress()
    {
        var (person, purpose) = await SeedAsync("fr", "consent", ConsentStatuses.Withdrawn);
        await SuppressAsync(person, SuppressionReasons.Unsubscribe);
        var afterUnsubscribe = await DecideAsync(Record(person, purpose.Key, MessageTypes.Transactional, "request:help-42"), Sender);
        await SuppressAsync(person, SuppressionReasons.HardBounce);

        var afterBounce = await DecideAsync(Record(person, purpose.Key, MessageTypes.Transactional, "request:help-42"), Sender);
        var confirmation = await DecideAsync(Record(person, purpose.Key, MessageTypes.DoubleOptIn), Sender);

        Assert.True(afterUnsubscribe.Allowed);
        Assert.Equal("transactional_reference", afterUnsubscribe.EvidenceKind);
        Assert.Equal((false, BlockCodes.SuppressedAddress), (afterBounce.Allowed, afterBounce.Code));
        Assert.Equal((false, BlockCodes.SuppressedAddress), (confirmation.Allowed, confirmation.Code));
        Assert.StartsWith("suppressed: hard_bounce", afterBounce.Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// An opt-out stops exactly the channel and purposes it names (R16, R34): here it is the only thing in the way, for
    /// a person whose consent to both purposes stands, and the same person's other purpose stays open.
    /// </summary>
    [Theory]
    [InlineData(ChannelKeys.Email, "{a}", SuppressionReasons.Unsubscribe, BlockCodes.SuppressedPurpose, null)]
    [InlineData(SuppressionEntry.AnyChannel, "{a}", SuppressionReasons.Unsubscribe, BlockCodes.SuppressedPurpose, null)]
    [InlineData(ChannelKeys.Email, "{a}", SuppressionReasons.Manual, BlockCodes.SuppressedPurpose, null)]
    [InlineData(ChannelKeys.Email, "{b}", SuppressionReasons.Unsubscribe, null, BlockCodes.SuppressedPurpose)]
    [InlineData(ChannelKeys.Sms, "{a}", SuppressionReasons.Unsubscribe, null, null)]
    [InlineData(ChannelKeys.Email, "{a}_old", SuppressionReasons.Unsubscribe, null, null)]
    [InlineData(ChannelKeys.Email, SuppressionEntry.AnyPurpose, SuppressionReasons.Unsubscribe, BlockCodes.SuppressedAllMarketing, BlockCodes.SuppressedAllMarketing)]
    [InlineData(ChannelKeys.Email, SuppressionEntry.AnyPurpose, SuppressionReasons.HardBounce, BlockCodes.SuppressedAddress, BlockCodes.SuppressedAddress)]
    public async Task Suppression_BlocksExactlyTheChannelAndPurposesItNames(string channel, string scope, string reason, string? codeForA, string? codeForB)
    {
        var (person, a) = await SeedAsync("fr", LawfulBases.Consent, ConsentStatuses.Confirmed);
        var b = await AddConfirmedPurposeAsync(person);
        await app.InScopeAsync(async db =>
        {
            db.Suppressions.Add(new SuppressionEntry
            {
                Id = Guid.NewGuid(), AddressHash = Hasher.HashNormalized(person.Email!), Channel = channel,
                Scope = scope.Replace("{a}", a.Key, StringComparison.Ordinal).Replace("{b}", b.Key, StringComparison.Ordinal),
                Reason = reason, Source = "test", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var toA = await DecideAsync(Record(person, a.Key, MessageTypes.Marketing), Sender);
        var toB = await DecideAsync(Record(person, b.Key, MessageTypes.Marketing), Sender);

        Assert.Equal((codeForA is null, codeForA, codeForA is not null), (toA.Allowed, toA.Code, toA.Refusal));
        Assert.Equal((codeForB is null, codeForB, codeForB is not null), (toB.Allowed, toB.Code, toB.Refusal));
        Assert.All(new[] { toA, toB }.Where(d => d.Allowed), d => Assert.Equal("consent_event", d.EvidenceKind));
    }

    /// <summary>Every way the gate blocks has its own stable code.</summary>
    [Fact]
    public void BlockCodes_AreDistinctAndStable()
    {
        var codes = typeof(BlockCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(_[a-z]+)*$", c));
        Assert.Contains("suppressed_purpose", codes);
    }

    /// <summary>
    /// Invariant 1, by construction: the SMTP client type, and the outbox that stands in for a relay, are reachable from
    /// exactly one class, the dispatcher that asks the gate, and the container hands out neither to anything else.
    /// </summary>
    [Fact]
    public void NothingButTheDispatcher_HoldsAnSmtpConnection()
    {
        var assemblies = new[] { typeof(SendGate).Assembly, typeof(Program).Assembly };
        var smtpTypes = new[] { typeof(MailKit.Net.Smtp.SmtpClient), typeof(MailKit.Net.Smtp.ISmtpClient), typeof(MailKit.IMailTransport) };
        var pool = typeof(SendGate).Assembly.GetType("Marketing.Channels.Email.SmtpPool", throwOnError: true)!;
        // The relay or, with none, the outbox: what the dispatcher hands messages to.
        var delivery = typeof(SendGate).Assembly.GetType("Marketing.Channels.Email.IMailDelivery", throwOnError: true)!;

        var holders = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => Touches(t, [.. smtpTypes, pool, delivery]))
            .Select(Outermost)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        // The dispatcher that asks the gate, and the two ways out it alone creates: the relay's pool and the outbox.
        Assert.Equal(["Marketing.Channels.Email.EmailDispatcher", "Marketing.Channels.Email.Outbox", "Marketing.Channels.Email.SmtpPool"], holders);
        Assert.False(pool.IsPublic);
        Assert.False(delivery.IsPublic);
        Assert.All(smtpTypes.Append(pool).Append(delivery), t => Assert.Null(app.Services.GetService(t)));
    }

    /// <summary>Invariant 1 for SMS: the Twilio client is reachable from the SMS dispatcher alone, and the container hands out none.</summary>
    [Fact]
    public void NothingButTheSmsDispatcher_HoldsATwilioClient()
    {
        var assemblies = new[] { typeof(SendGate).Assembly, typeof(Program).Assembly };
        var twilioTypes = new[] { typeof(Twilio.Clients.ITwilioRestClient), typeof(Twilio.Clients.TwilioRestClient), typeof(Twilio.Http.HttpClient) };

        var holders = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => Touches(t, twilioTypes))
            .Select(Outermost)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["Marketing.Channels.Sms.SmsDispatcher"], holders);
        Assert.All(twilioTypes, t => Assert.Null(app.Services.GetService(t)));
    }

    /// <summary>Lambdas and async state machines are the compiler's nested types: they count as the class they were written in.</summary>
    private static string Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type.FullName!;

    private static bool Touches(Type type, Type[] targets)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var fieldTypes = type.GetFields(all).Select(f => f.FieldType);
        var parameterTypes = type.GetConstructors(all).Cast<MethodBase>().Concat(type.GetMethods(all))
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType));
        return fieldTypes.Concat(parameterTypes).Concat(type.GetProperties(all).Select(p => p.PropertyType))
            .Any(t => targets.Any(target => target.IsAssignableFrom(t.IsArray ? t.GetElementType()! : t)));
    }

    private async Task<(Person Person, Purpose Purpose)> SeedAsync(string regime, string? basis, string? state, Action<Person>? shape = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var purpose = new Purpose
        {
            Id = Guid.NewGuid(), Key = $"gate_{suffix}", Names = new() { ["en"] = "Gate" }, Channels = [ChannelKeys.Email], RetentionDays = 30,
            Bases = basis is null ? [] : new() { [regime] = new PurposeBasis(basis, basis == LawfulBases.LegitimateInterest ? "LIA-2026-01" : null) },
        };
        var person = new Person { Id = Guid.NewGuid(), Email = $"gate.{suffix}@example.com", Regime = regime, Source = "test", CreatedAt = DateTimeOffset.UtcNow };
        shape?.Invoke(person);
        db.Purposes.Add(purpose);
        db.People.Add(person);
        if (state is not null)
        {
            db.ConsentStates.Add(new ConsentState { PersonId = person.Id, PurposeId = purpose.Id, Channel = ChannelKeys.Email, Status = state, LastEventId = Guid.NewGuid() });
        }

        await db.SaveChangesAsync();
        return (person, purpose);
    }

    /// <summary>A second email purpose on the same basis, to which the person's consent is confirmed too.</summary>
    private async Task<Purpose> AddConfirmedPurposeAsync(Person person)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var purpose = new Purpose
        {
            Id = Guid.NewGuid(), Key = $"gate_{Guid.NewGuid().ToString("N")[..10]}", Names = new() { ["en"] = "Other" }, Channels = [ChannelKeys.Email],
            RetentionDays = 30, Bases = new() { [person.Regime] = new PurposeBasis(LawfulBases.Consent, null) },
        };
        db.Purposes.Add(purpose);
        db.ConsentStates.Add(new ConsentState { PersonId = person.Id, PurposeId = purpose.Id, Channel = ChannelKeys.Email, Status = ConsentStatuses.Confirmed, LastEventId = Guid.NewGuid() });
        await db.SaveChangesAsync();
        return purpose;
    }

    private async Task SuppressAsync(Person person, string reason)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        db.Suppressions.Add(new SuppressionEntry
        {
            Id = Guid.NewGuid(), AddressHash = Hasher.HashNormalized(person.Email!), Channel = ChannelKeys.Email,
            Scope = SuppressionEntry.AnyPurpose, Reason = reason, Source = "test", CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private async Task<GateDecision> DecideAsync(SendRecord record, SenderIdentity sender)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        return (await new SendGate(Hasher, sender).DecideAsync(db, [record], CancellationToken.None))[record.Id];
    }

    private static SendRecord Record(Person person, string purposeKey, string type, string? reference = null) => new()
    {
        Id = Guid.NewGuid(), Key = Guid.NewGuid().ToString("N"), PersonId = person.Id, Channel = ChannelKeys.Email, MessageType = type,
        PurposeKey = purposeKey, TemplateKey = "welcome", Status = SendStatuses.Queued, Reference = reference,
    };
}
