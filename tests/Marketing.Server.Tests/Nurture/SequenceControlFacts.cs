using Marketing.Common;
using Marketing.Nurture;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Templates;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Nurture;

/// <summary>
/// Pausing, resuming, enrolling and ending by hand, called as the API, the web app and the CLI call them: a draft
/// cannot be paused, nobody enrols in a paused sequence, and an enrolment ends once.
/// </summary>
public abstract class SequenceControlFacts<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : UseCaseDatabase
{
    private static readonly TemplateStore Templates = new(Path.Combine(Repository.Root, "templates"));

    [Fact]
    public async Task Pause_RefusesASequenceNeverPublished()
    {
        var key = await DraftAsync();
        await using var db = database.OpenContext();

        var outcome = await PauseSequence.HandleAsync(db, database.Clock, key, "key:marketer", CancellationToken.None);

        Assert.Equal("The sequence has never been published.", Assert.IsType<Refusal.Conflict>(outcome.Refusal).Title);
        await using var check = database.OpenContext();
        Assert.Equal(SequenceStatuses.Draft, (await check.Sequences.SingleAsync(s => s.Key == key)).Status);
    }

    [Fact]
    public async Task Enrol_WhilePaused_EnrolsNobody_UntilResumed()
    {
        var key = await PublishedAsync();
        var person = await database.AddPersonAsync();
        await using (var db = database.OpenContext())
        {
            Assert.Null((await PauseSequence.HandleAsync(db, database.Clock, key, "key:marketer", CancellationToken.None)).Refusal);
        }

        var whilePaused = await EnrolAsync(key, person);
        await using (var db = database.OpenContext())
        {
            Assert.Equal(SequenceStatuses.Active, (await ResumeSequence.HandleAsync(db, database.Clock, key, "key:marketer", CancellationToken.None)).Value.Status);
        }

        var resumed = await EnrolAsync(key, person);

        Assert.Equal("The sequence is paused: nobody new enrols until it is resumed.", Assert.IsType<Refusal.Conflict>(whilePaused.Refusal).Title);
        Assert.Equal(new EnrolOutcome(1, 0, 0), resumed.Value);
        await using var check = database.OpenContext();
        Assert.Equal(1, await check.Enrolments.CountAsync(e => e.PersonId == person));
    }

    [Fact]
    public async Task EndEnrolment_EndsItOnce_AndTheSecondTimeIsAConflict()
    {
        var key = await PublishedAsync();
        var person = await database.AddPersonAsync();
        Assert.Equal(1, (await EnrolAsync(key, person)).Value.Enrolled);
        Guid id;
        await using (var db = database.OpenContext())
        {
            id = (await db.Enrolments.SingleAsync(e => e.PersonId == person)).Id;
        }

        await using var first = database.OpenContext();
        var ended = await EndEnrolment.HandleAsync(first, database.Clock, id, "key:marketer", CancellationToken.None);
        await using var second = database.OpenContext();
        var again = await EndEnrolment.HandleAsync(second, database.Clock, id, "key:marketer", CancellationToken.None);

        Assert.Equal((EnrolmentStatuses.Exited, "ended by key:marketer", key), (ended.Value.Enrolment.Status, ended.Value.Enrolment.EndReason, ended.Value.SequenceKey));
        Assert.Equal("The enrolment has already ended (exited).", Assert.IsType<Refusal.Conflict>(again.Refusal).Title);
        await using var check = database.OpenContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "enrolment.ended" && a.Target == id.ToString()));
    }

    [Fact]
    public async Task EndEnrolment_IsNotFound_ForAnUnknownId()
    {
        await using var db = database.OpenContext();

        var outcome = await EndEnrolment.HandleAsync(db, database.Clock, Guid.NewGuid(), "key:marketer", CancellationToken.None);

        Assert.IsType<Refusal.NotFound>(outcome.Refusal);
    }

    private async Task<string> DraftAsync()
    {
        var key = $"seq-{Guid.NewGuid():N}"[..20];
        var definition = new SequenceDefinition("Hand-run", new SequenceTrigger("api", null, null), false,
            [new SequenceStep("pause", "wait", Next: "done", Duration: "1d"), new SequenceStep("done", "exit")]);
        await using var db = database.OpenContext();
        Assert.True((await SaveSequenceDraft.HandleAsync(db, database.Clock, key, definition, "key:marketer", CancellationToken.None)).Value.Created);
        return key;
    }

    private async Task<string> PublishedAsync()
    {
        var key = await DraftAsync();
        await using var db = database.OpenContext();
        var outcome = await PublishSequence.HandleAsync(db, Templates, database.Clock, key, "key:marketer", CancellationToken.None);
        Assert.Null(outcome.Refusal);
        return key;
    }

    private async Task<Outcome<EnrolOutcome>> EnrolAsync(string key, Guid person)
    {
        await using var db = database.OpenContext();
        return await EnrolPeople.HandleAsync(db, database.Clock, key, new EnrolPeople.Command([person], null), "key:marketer", CancellationToken.None);
    }
}

public sealed class SequenceControlFacts_OnSqlite(SqliteDatabase database) : SequenceControlFacts<SqliteDatabase>(database);

public sealed class SequenceControlFacts_OnPostgres(PostgresDatabase database) : SequenceControlFacts<PostgresDatabase>(database);
