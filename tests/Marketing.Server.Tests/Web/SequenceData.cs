using Marketing.Consent;
using Marketing.Nurture;
using Marketing.Sending;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Web;

/// <summary>Sequences the sequence pages show: a purpose to send for, a published flow, and people at its steps.</summary>
public static class SequenceData
{
    public sealed record Published(string Key, string PurposeKey, IReadOnlyList<Guid> Enrolments);

    public static string Token() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A purpose covering email and SMS, named so that it sorts where the test expects it.</summary>
    public static async Task<string> PurposeAsync(MarketingApp app, string token)
    {
        var purpose = new Purpose { Id = Guid.CreateVersion7(), Key = $"news{token}", Names = new() { ["en"] = "Newsletter", ["fr"] = "Lettre" }, Channels = ["email", "sms"] };
        await app.InScopeAsync(async db =>
        {
            db.Purposes.Add(purpose);
            await db.SaveChangesAsync();
        });
        return purpose.Key;
    }

    /// <summary>
    /// mail (email) → pause (wait 2 days) → check (goal: attribute <c>bought</c>) → done (exit), published, with five
    /// people: two waiting at pause, one who reached the goal, one the gate refused at mail (they left), and one whose
    /// mail was skipped (no consent yet) and who waits at pause too.
    /// </summary>
    public static async Task<Published> PublishedWithPeopleAsync(MarketingApp app)
    {
        var token = Token();
        var purpose = await PurposeAsync(app, token);
        var key = $"flow-{token}";
        var definition = new SequenceDefinition("Flow " + token, new SequenceTrigger(TriggerTypes.Api, null, null), false,
        [
            new SequenceStep("mail", StepTypes.Email, Template: "welcome", Purpose: purpose, Next: "pause"),
            new SequenceStep("pause", StepTypes.Wait, Duration: "2d", Next: "check"),
            new SequenceStep("check", StepTypes.Goal, Condition: new StepCondition(ConditionTypes.Attribute, Attribute: "bought"), Next: "done"),
            new SequenceStep("done", StepTypes.Exit),
        ]);
        var (_, people) = await PeopleData.SameSourceAsync(app, 5);
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var ids = new List<Guid>();
        await app.InScopeAsync(async db =>
        {
            Assert.True((await SaveSequenceDraft.HandleAsync(db, TimeProvider.System, key, definition, "test", CancellationToken.None)).Value.Created);
            var version = (await PublishSequence.HandleAsync(db, app.Services.GetRequiredService<TemplateStore>(), TimeProvider.System, key, "test", CancellationToken.None)).Value;
            Enrolment Enrol(int person, string status, string? step, string? endReason)
            {
                var enrolment = new Enrolment
                {
                    Id = Guid.CreateVersion7(), Key = $"test:{token}:{person}", SequenceId = version.SequenceId, VersionId = version.Id, Version = 1,
                    PersonId = people[person].Id, Trigger = "api", Status = status, StepId = step, DueAt = at.AddDays(2), EnrolledAt = at,
                    EndedAt = endReason is null ? null : at, EndReason = endReason,
                };
                db.Enrolments.Add(enrolment);
                ids.Add(enrolment.Id);
                return enrolment;
            }

            void Mail(Enrolment enrolment, string status, string? reason) => db.SendRecords.Add(new SendRecord
            {
                Id = Guid.CreateVersion7(), Key = $"seq:{enrolment.Id:N}:1:mail", PersonId = enrolment.PersonId, Channel = "email",
                MessageType = MessageTypes.Marketing, PurposeKey = purpose, TemplateKey = "welcome", Status = status, CreatedAt = at, DueAt = at,
                Decision = status == SendStatuses.Blocked ? GateDecision.BlockedDecision : GateDecision.AllowedDecision, DecisionReason = reason,
                EnrolmentId = enrolment.Id, StepId = "mail", Data = new() { ["sequence"] = $"{key}@1", ["step"] = "mail" },
            });

            Mail(Enrol(0, EnrolmentStatuses.Active, "pause", null), SendStatuses.Sent, "consent confirmed");
            Mail(Enrol(1, EnrolmentStatuses.Active, "pause", null), SendStatuses.Sent, "consent confirmed");
            Mail(Enrol(2, EnrolmentStatuses.Completed, null, "goal 'check' reached"), SendStatuses.Sent, "consent confirmed");
            Mail(Enrol(3, EnrolmentStatuses.Exited, null, "step 'mail' blocked by the send gate: the person withdrew consent"), SendStatuses.Blocked, "the person withdrew consent");
            Mail(Enrol(4, EnrolmentStatuses.Active, "pause", null), SendStatuses.Blocked, "no consent to this purpose on this channel");
            await db.SaveChangesAsync();
        });
        return new(key, purpose, ids);
    }
}
