using System.Reflection;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Leads;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Email;

/// <summary>The gate's rules, one case each, on rows written straight into the engine's database.</summary>
public sealed class SendGateFacts(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly AddressHasher Hasher = new("gate-facts-secret-0123456789abcdef01");
    private static readonly SenderIdentity Sender = new("Acme SAS", "1 rue de l'Exemple, 75001 Paris");

    [Theory]
    [InlineData("fr", "consent", ConsentStatuses.Confirmed, true, "consent confirmed")]
    [InlineData("fr", "consent", ConsentStatuses.Granted, true, "consent granted")]
    [InlineData("fr", "consent", ConsentStatuses.PendingConfirmation, false, "pending double opt-in")]
    [InlineData("fr", "consent", null, false, "no consent recorded")]
    [InlineData("fr", "consent", ConsentStatuses.Withdrawn, false, "consent withdrawn")]
    [InlineData("fr-b2b", "legitimate_interest", null, false, "relevant to the recipient's role (relevantToRole, R4)")]
    [InlineData("us-b2b", "legitimate_interest", null, true, "legitimate interest for regime 'us-b2b'")]
    [InlineData("fr-b2b", "legitimate_interest", ConsentStatuses.Objected, false, "consent objected")]
    [InlineData("de-b2b", "legitimate_interest", null, false, "never a basis for electronic marketing in Germany")]
    [InlineData("fr", "legitimate_interest", null, false, "does not carry electronic marketing to consumers")]
    [InlineData("fr", "contract", null, false, "does not allow marketing")]
    [InlineData("us", null, null, false, "declares no lawful basis for regime 'us'")]
    public async Task Marketing_NeedsAnActiveBasis_InThePersonsRegime(string regime, string? basis, string? state, bool allowed, string reason)
    {
        var (person, purpose) = await SeedAsync(regime, basis, state);

        var decision = await DecideAsync(Record(person, purpose.Key, MessageTypes.Marketing), Sender);

        Assert.Equal(allowed, decision.Allowed);
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
    [InlineData(null, "gate.{0}@example.com", "engineer", false, "relevant to the recipient's role")]
    [InlineData(false, "gate.{0}@example.com", "engineer", false, "relevant to the recipient's role")]
    [InlineData(true, "gate.{0}@example.com", null, false, "needs the person's role or industry")]
    [InlineData(true, "gate.{0}@example.com", "head of purchasing", true, "relevance to the role attested")]
    [InlineData(true, "contact.{0}@example.com", null, false, "needs the person's role or industry")]
    [InlineData(true, "contact@{0}.example.com", null, true, "legal_person_address")]
    public async Task B2bProspecting_InFrance_NeedsRelevanceToTheRole_AndARole_UnlessTheMailboxIsACompanys(
        bool? relevant, string addressShape, string? role, bool allowed, string reason)
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

        Assert.Equal(allowed, decision.Allowed);
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

        Assert.False(decision.Allowed);
        Assert.StartsWith("suppressed: unsubscribe", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "shoes", "shoes", true, true, "customer exception: order")]
    [InlineData("de", "shoes", "shoes", true, true, "customer exception: order")]
    [InlineData("fr", "shoes", "shoes", false, false, "without offering a way to refuse marketing")]
    [InlineData("fr", "shoes", "kitchen", true, false, "no order in category 'kitchen'")]
    [InlineData("fr", null, "shoes", true, false, "no order in category 'shoes'")]
    [InlineData("fr", "shoes", null, true, false, "no consent recorded")]
    [InlineData("us", "shoes", "shoes", true, false, "does not apply in regime 'us'")]
    public async Task CustomerException_NeedsAnOrderInTheAnalogousCategory_TakenWithAWayToRefuse(
        string regime, string? ordered, string? analogousTo, bool optOutOffered, bool allowed, string reason)
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

        Assert.Equal(allowed, decision.Allowed);
        Assert.Contains(reason, decision.Reason, StringComparison.Ordinal);
        if (allowed)
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

        Assert.False(decision.Allowed);
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

        Assert.False(decision.Allowed);
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

        Assert.False(unknownType.Allowed);
        Assert.False(unknownPurpose.Allowed);
        Assert.False(unknownPerson.Allowed);
        Assert.False(noIdentity.Allowed);
        Assert.Contains("postal address", noIdentity.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionalMail_IgnoresAnUnsubscribe_ButNeverGoesToABouncedAddress()
    {
        var (person, purpose) = await SeedAsync("fr", "consent", ConsentStatuses.Withdrawn);
        await SuppressAsync(person, SuppressionReasons.Unsubscribe);
        var afterUnsubscribe = await DecideAsync(Record(person, purpose.Key, MessageTypes.Transactional), Sender);
        await SuppressAsync(person, SuppressionReasons.HardBounce);

        var afterBounce = await DecideAsync(Record(person, purpose.Key, MessageTypes.Transactional), Sender);
        var confirmation = await DecideAsync(Record(person, purpose.Key, MessageTypes.DoubleOptIn), Sender);

        Assert.True(afterUnsubscribe.Allowed);
        Assert.Equal("message_type", afterUnsubscribe.EvidenceKind);
        Assert.False(afterBounce.Allowed);
        Assert.False(confirmation.Allowed);
        Assert.StartsWith("suppressed: hard_bounce", afterBounce.Reason, StringComparison.Ordinal);
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
        var pool = typeof(SendGate).Assembly.GetType("Marketing.Email.SmtpPool", throwOnError: true)!;
        // The relay or, with none, the outbox: what the dispatcher hands messages to.
        var delivery = typeof(SendGate).Assembly.GetType("Marketing.Email.IMailDelivery", throwOnError: true)!;

        var holders = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => Touches(t, [.. smtpTypes, pool, delivery]))
            .Select(Outermost)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        // The dispatcher that asks the gate, and the two ways out it alone creates: the relay's pool and the outbox.
        Assert.Equal(["Marketing.Email.EmailDispatcher", "Marketing.Email.Outbox", "Marketing.Email.SmtpPool"], holders);
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

        Assert.Equal(["Marketing.Sms.SmsDispatcher"], holders);
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
            Id = Guid.NewGuid(), Key = $"gate_{suffix}", Names = new() { ["en"] = "Gate" }, Channels = [Channels.Email], RetentionDays = 30,
            Bases = basis is null ? [] : new() { [regime] = new PurposeBasis(basis, basis == LawfulBases.LegitimateInterest ? "LIA-2026-01" : null) },
        };
        var person = new Person { Id = Guid.NewGuid(), Email = $"gate.{suffix}@example.com", Regime = regime, Source = "test" };
        shape?.Invoke(person);
        db.Purposes.Add(purpose);
        db.People.Add(person);
        if (state is not null)
        {
            db.ConsentStates.Add(new ConsentState { PersonId = person.Id, PurposeId = purpose.Id, Channel = Channels.Email, Status = state, LastEventId = Guid.NewGuid() });
        }

        await db.SaveChangesAsync();
        return (person, purpose);
    }

    private async Task SuppressAsync(Person person, string reason)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        db.Suppressions.Add(new SuppressionEntry
        {
            Id = Guid.NewGuid(), AddressHash = Hasher.HashNormalized(person.Email!), Channel = Channels.Email,
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

    private static SendRecord Record(Person person, string purposeKey, string type) => new()
    {
        Id = Guid.NewGuid(), Key = Guid.NewGuid().ToString("N"), PersonId = person.Id, Channel = Channels.Email, MessageType = type,
        PurposeKey = purposeKey, TemplateKey = "welcome", Status = SendStatuses.Queued,
    };
}
