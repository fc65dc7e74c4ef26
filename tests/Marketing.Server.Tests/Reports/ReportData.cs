using Marketing.Capture;
using Marketing.Consent;
using Marketing.Leads;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Web;
using Marketing.Sites;
using Marketing.Suppression;
using Marketing.Templates;
using Marketing.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Reports;

/// <summary>
/// A scenario with known outcomes the reports must count. A published sequence (named like a spreadsheet formula)
/// mail → pause → check (goal) → done, with six people at <c>mail</c>: p0 delivered, clicked with consent, opened and
/// reached the goal; p1 hard-bounced; p2 complained; p3 unsubscribed after it; p4 delivered, and withdrew from open
/// tracking only (no unsubscribe); p5 blocked by the gate. Three clicks without consent on the step's campaign link.
/// A form whose submissions and confirmations fall on known days of 2026-11-01..03, and a purpose whose ledger
/// grants and withdraws on those days.
/// </summary>
public static class ReportData
{
    public const string FormulaName = "=HYPERLINK(\"http://evil.example\")";
    public static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public sealed record Seeded(string SequenceKey, string OtherSequenceKey, string FormId, string PurposeKey,
        IReadOnlyList<Guid> People, Guid ConsentEventOfP0);

    public static async Task<Seeded> SeedAsync(MarketingApp app)
    {
        var other = await SequenceData.PublishedWithPeopleAsync(app);
        var token = SequenceData.Token();
        var purpose = await SequenceData.PurposeAsync(app, token);
        var key = $"rep-{token}";
        var definition = new SequenceDefinition(FormulaName, new SequenceTrigger(TriggerTypes.Api, null, null), false,
        [
            new SequenceStep("mail", StepTypes.Email, Template: "welcome", Purpose: purpose, Next: "pause"),
            new SequenceStep("pause", StepTypes.Wait, Duration: "2d", Next: "check"),
            new SequenceStep("check", StepTypes.Goal, Condition: new StepCondition(ConditionTypes.Attribute, Attribute: "bought"), Next: "done"),
            new SequenceStep("done", StepTypes.Exit),
        ]);
        var (_, people) = await PeopleData.SameSourceAsync(app, 6);
        var basis = Guid.CreateVersion7();
        await app.InScopeAsync(async db =>
        {
            Assert.True((await SaveSequenceDraft.HandleAsync(db, TimeProvider.System, key, definition, "test", CancellationToken.None)).Value.Created);
            var version = (await PublishSequence.HandleAsync(db, app.Services.GetRequiredService<TemplateStore>(), TimeProvider.System, key, "test", CancellationToken.None)).Value;
            for (var i = 0; i < people.Count; i++)
            {
                var goal = i == 0;
                var enrolment = new Enrolment
                {
                    Id = Guid.CreateVersion7(), Key = $"rep:{token}:{i}", SequenceId = version.SequenceId, VersionId = version.Id, Version = 1,
                    PersonId = people[i].Id, Trigger = "api", Status = goal ? EnrolmentStatuses.Completed : EnrolmentStatuses.Active,
                    StepId = goal ? null : "pause", DueAt = At.AddDays(2), EnrolledAt = At, EndedAt = goal ? At.AddDays(1) : null,
                    EndReason = goal ? "goal 'check' reached" : null,
                };
                db.Enrolments.Add(enrolment);
                var sent = i < 5;
                db.SendRecords.Add(new SendRecord
                {
                    Id = Guid.CreateVersion7(), Key = $"seq:{enrolment.Id:N}:1:mail", PersonId = people[i].Id, Channel = "email",
                    MessageType = MessageTypes.Marketing, PurposeKey = purpose, TemplateKey = "welcome",
                    Status = sent ? SendStatuses.Sent : SendStatuses.Blocked, CreatedAt = At, DueAt = At, DecidedAt = At,
                    Decision = sent ? GateDecision.AllowedDecision : GateDecision.BlockedDecision,
                    DecisionReason = sent ? "consent confirmed" : "no consent to this purpose on this channel",
                    EvidenceKind = sent ? "consent_event" : null, EvidenceId = i == 0 ? basis.ToString() : sent ? Guid.NewGuid().ToString() : null,
                    AddressHash = $"h{token}{i}", MessageId = sent ? $"m{i}.{token}@example.com" : null, SentAt = sent ? At.AddMinutes(1) : null,
                    ClickedAt = i == 0 ? At.AddHours(2) : null, OpenedAt = i == 0 ? At.AddHours(1) : null,
                    EnrolmentId = enrolment.Id, StepId = "mail", Data = new() { ["sequence"] = $"{key}@1", ["step"] = "mail" },
                });
            }

            Feedback(db, DeliveryEventKinds.HardBounce, $"h{token}1", $"m1.{token}@example.com");
            Feedback(db, DeliveryEventKinds.Complaint, $"h{token}2", $"m2.{token}@example.com");
            Suppress(db, $"h{token}3", purpose, SuppressionReasons.Unsubscribe);
            Suppress(db, $"h{token}4", TrackingPurposes.Opens, SuppressionReasons.Unsubscribe);
            db.CampaignClickCounts.Add(new CampaignClickCount
            {
                Campaign = $"seq:{key}@1/mail", UrlHash = new string('a', 64), Url = "https://shop.example/", Clicks = 3, LastClickOn = new DateOnly(2026, 11, 2),
            });
            await db.SaveChangesAsync();
        });

        var formId = $"rep{token}";
        await SeedFormAsync(app, formId, people[0].Id);
        var purposeKey = await SeedPurposeAsync(app, token);
        return new Seeded(key, other.Key, formId, purposeKey, [.. people.Select(p => p.Id)], basis);
    }

    private static void Feedback(Marketing.Data.MarketingDbContext db, string kind, string hash, string messageId) => db.DeliveryFeedback.Add(new DeliveryFeedback
    {
        Id = Guid.CreateVersion7(), Kind = kind, AddressHash = hash, MessageId = messageId, SendingDomain = "example.com", ReceivedAt = At.AddHours(3), Source = "test",
    });

    private static void Suppress(Marketing.Data.MarketingDbContext db, string hash, string scope, string reason) => db.Suppressions.Add(new SuppressionEntry
    {
        Id = Guid.CreateVersion7(), AddressHash = hash, Channel = "email", Scope = scope, Reason = reason, Source = "one_click", CreatedAt = At.AddHours(4),
    });

    /// <summary>
    /// Submissions on 2026-10-31 (outside), 11-01 twice (one confirmed on 11-02, one never), 11-02 (no confirmation asked),
    /// 11-03 (confirmed the same day): per day 2, 1, 1; confirmations by the day they came 1, 1, 1 (the first answers
    /// 10-31's submission); 2 of the period's 3 asking confirmed.
    /// </summary>
    private static async Task SeedFormAsync(MarketingApp app, string formId, Guid personId)
    {
        await app.InScopeAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Sites.Add(new Site { Id = formId, Name = "Reports", CreatedAt = now, UpdatedAt = now });
            db.Forms.Add(new Form { Id = formId, SiteId = formId, Draft = new FormDefinition { Name = "Reports" }, CreatedAt = now, UpdatedAt = now });
            void Submit(DateTimeOffset at, DateTimeOffset? confirmed, bool asks = true)
            {
                var submission = Guid.CreateVersion7();
                Guid? request = asks ? Guid.CreateVersion7() : null;
                db.Submissions.Add(new Submission
                {
                    Id = submission, FormId = formId, ClientSubmissionId = Guid.NewGuid().ToString("N"), PersonId = personId, ReceivedAt = at,
                    ResultJson = "{}", ConfirmationRequestId = request,
                });
                if (request is { } id)
                {
                    db.DoubleOptInRequests.Add(new DoubleOptInRequest
                    {
                        Id = id, PersonId = personId, SubmissionId = submission, CreatedAt = at, ConfirmedAt = confirmed,
                        Status = confirmed is null ? DoubleOptInStatuses.Pending : DoubleOptInStatuses.Confirmed,
                    });
                }
            }

            Submit(new DateTimeOffset(2026, 10, 31, 23, 59, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 30, 0, TimeSpan.Zero));
            Submit(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
            Submit(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), null);
            Submit(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), null, asks: false);
            Submit(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 23, 59, 59, TimeSpan.Zero));
            await db.SaveChangesAsync();
        });
    }

    /// <summary>
    /// Ledger events of a purpose: granted twice on 11-01, confirmed on 11-02 (a pending one beside it, not counted),
    /// withdrawn and objected on 11-03; one grant on 10-31 outside. Standing now: the two grants of 11-01, the confirmation
    /// and the grant of 10-31 (4).
    /// </summary>
    private static async Task<string> SeedPurposeAsync(MarketingApp app, string token)
    {
        var key = await SequenceData.PurposeAsync(app, "c" + token);
        (string Status, DateTimeOffset At)[] events =
        [
            (ConsentStatuses.Granted, new(2026, 10, 31, 23, 0, 0, TimeSpan.Zero)),
            (ConsentStatuses.Granted, new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
            (ConsentStatuses.Granted, new(2026, 11, 1, 23, 59, 59, TimeSpan.Zero)),
            (ConsentStatuses.Confirmed, new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero)),
            (ConsentStatuses.PendingConfirmation, new(2026, 11, 2, 13, 0, 0, TimeSpan.Zero)),
            (ConsentStatuses.Withdrawn, new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero)),
            (ConsentStatuses.Objected, new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero)),
        ];
        var (_, people) = await PeopleData.SameSourceAsync(app, events.Length);
        await app.InScopeAsync(async db =>
        {
            var purpose = await db.Purposes.SingleAsync(p => p.Key == key);
            for (var i = 0; i < events.Length; i++)
            {
                var person = await db.People.SingleAsync(p => p.Id == people[i].Id);
                var appended = ConsentLedger.Append(person, new ConsentEvent
                {
                    Id = Guid.CreateVersion7(), PersonId = person.Id, Identifier = person.Email!, IdentifierType = "email", PurposeId = purpose.Id,
                    PurposeKey = key, Channel = "email", Regime = person.Regime, Status = events[i].Status, Method = ConsentMethods.Checkbox,
                    OccurredAt = events[i].At,
                }, null);
                db.ConsentEvents.Add(appended.Event);
                db.ConsentStates.Add(appended.State);
            }

            await db.SaveChangesAsync();
        });
        return key;
    }
}
