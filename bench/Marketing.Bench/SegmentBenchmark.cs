using System.Diagnostics;
using System.Globalization;
using Marketing.Consent;
using Marketing.Data;
using Marketing.Segments;
using Marketing.Server.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketing.Bench;

/// <summary>
/// The count of a typical segment over N people (issue 18: under 1 s at 1,000,000 on PostgreSQL): consent granted for
/// the newsletter by email, a form submitted within 90 days, and a city attribute; printed with <c>SELECT count(*) FROM
/// people</c> measured in the same run as the baseline. Each figure is the median of several warm runs.
/// </summary>
public static class SegmentBenchmark
{
    private const int Runs = 5;

    public static Task<int> RunAsync(string serverConnectionString, long people) =>
        BenchDatabase.WithThrowawayAsync(serverConnectionString, 20, connectionString => RunOnAsync(connectionString, people));

    private static async Task<int> RunOnAsync(string connectionString, long people)
    {
        BenchDatabase.UseForEngine(connectionString);
        await using var app = await MarketingHost.BuildAsync(["--urls", "http://127.0.0.1:0"]);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            await db.Database.MigrateAsync();
            db.Purposes.Add(new Purpose
            {
                Id = Guid.CreateVersion7(), Key = "newsletter", Names = new() { ["en"] = "Newsletter", ["fr"] = "Lettre" }, Channels = ["email"],
                Bases = new() { ["fr"] = new PurposeBasis("consent") }, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var seeding = Stopwatch.StartNew();
        // Ten cities; three in four granted, the rest withdrawn; one in five submitted a form within the last year;
        // one in a hundred restricted; one in a hundred suppressed. The hash is filler of the stored length.
        await BenchDatabase.ExecuteAsync(connectionString, string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO people (id, email, email_hash, attributes, name_key, locale, time_zone, country, business, regime, source, created_at, updated_at,
                                ledger_sequence, row_version, restricted_at)
            SELECT gen_random_uuid(), 'p' || g || '@example.com', md5(g::text) || md5(g::text),
                   json_build_object('first_name', 'Camille', 'city', (ARRAY['Lyon','Paris','Lille','Nantes','Rennes','Brest','Nice','Metz','Dijon','Tours'])[1 + g % 10])::text,
                   'camille', 'fr', 'Europe/Paris', 'FR', false, 'fr', 'form:newsletter@' || (g % 5 + 1),
                   now() - g * interval '1 second', now(), 0, 0, CASE WHEN g % 100 = 7 THEN now() END
            FROM generate_series(1, {people}) g;
            INSERT INTO consent_states (person_id, purpose_id, channel, last_event_id, status, updated_at, name_key)
            SELECT p.id, u.id, 'email', gen_random_uuid(), CASE WHEN row_number() OVER () % 4 = 0 THEN 'withdrawn' ELSE 'granted' END, now(), p.name_key
            FROM people p CROSS JOIN purposes u WHERE u.key = 'newsletter';
            INSERT INTO submissions (id, form_id, client_submission_id, form_version, person_id, received_at, utm, result_json, identity)
            SELECT gen_random_uuid(), 'signup', md5(p.id::text), 1, p.id, now() - ((abs(hashtext(p.id::text)) % 365) || ' days')::interval, chr(123) || chr(125), chr(123) || chr(125), 'new'
            FROM people p WHERE abs(hashtext(p.email)) % 5 = 0;
            INSERT INTO suppressions (id, address_hash, channel, scope, reason, source, created_at)
            SELECT gen_random_uuid(), email_hash, 'email', '*', 'unsubscribe', 'bench', now() FROM people WHERE abs(hashtext(email)) % 100 = 3;
            ANALYZE;
            """));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {people:N0} people with consent states, submissions and suppressions in {seeding.Elapsed.TotalSeconds:0.0} s"));

        var definition = new SegmentDefinition("email",
        [
            new SegmentCondition(SegmentConditionTypes.Consent, Purpose: "newsletter", Channel: "email", Status: ConsentStatuses.Granted),
            new SegmentCondition(SegmentConditionTypes.Activity, Activity: SegmentActivities.Submitted, WithinDays: 90),
            new SegmentCondition(SegmentConditionTypes.Attribute, Key: "city", Operator: AttributeOperators.EqualTo, Value: "Lyon"),
        ]);

        long count = 0;
        var segment = await MedianAsync(async () =>
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            count = (await CountSegment.HandleAsync(db, TimeProvider.System, definition, CancellationToken.None)).Value;
        });
        var baseline = await MedianAsync(async () => await CountAllAsync(connectionString));

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
            var sql = (await QuerySegment.HandleAsync(db, TimeProvider.System, definition, CancellationToken.None)).Value.People.ToQueryString();
            Console.WriteLine("segment query:");
            Console.WriteLine(sql);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"segment count over {people:N0} people: {count:N0} in {segment:0} ms (median of {Runs}); SELECT count(*) FROM people: {baseline:0} ms; ratio {segment / baseline:0.0}; target 1000 ms: {(segment < 1000 ? "met" : "not met")}"));
        Summary.Add($"segment count over {people:N0} people", $"{segment:0} ms", $"{baseline:0} ms count(*)", segment / baseline, null);
        return 0;
    }

    private static async Task<long> CountAllAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM people", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The median time of <see cref="Runs"/> runs after one unmeasured warm-up, in milliseconds.</summary>
    private static async Task<double> MedianAsync(Func<Task> run)
    {
        await run();
        var times = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(times);
        return times[Runs / 2];
    }
}
