using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Marketing.Data;
using Marketing.Server.Hosting;

namespace Marketing.Server.Jobs;

/// <summary>Hangfire queues, so that a node can be told which kinds of work it takes.</summary>
public static class JobQueues
{
    public const string Nurture = "nurture";
    public const string Send = "send";
    public const string Default = "default";

    public static IReadOnlyList<string> All { get; } = [Nurture, Send, Default];
}

public static class JobsSetup
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>Hangfire storage follows the database provider; the server runs in this process unless turned off.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, ResolvedSettings settings)
    {
        // Registered before AddHangfire so its TryAdd keeps ours: Hangfire's default reads the static
        // JobStorage.Current, which two hosts in one process (the test suite) would overwrite for each other.
        services.AddSingleton(_ => CreateStorage(settings, prepareSchema: settings.AutoMigrate));
        // The same for the filters: the job-duration filter is this host's, not added to Hangfire's static list.
        services.AddSingleton(_ => Diagnostics.JobDurationFilter.Provider());
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddHostedService<RecurringJobs>();

        if (settings.Raw.Jobs.RunServer)
        {
            var poll = TimeSpan.FromSeconds(settings.Raw.Jobs.PollIntervalSeconds);
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = settings.Raw.Jobs.WorkerCount;
                options.SchedulePollingInterval = poll;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                options.Queues = settings.Raw.Jobs.Queues.Count > 0 ? [.. settings.Raw.Jobs.Queues.Distinct()] : [.. JobQueues.All];
            });
        }

        return services;
    }

    /// <summary>Creates (and, when asked, installs) the job storage. The <c>migrate</c> verb uses it to install Hangfire's schema.</summary>
    public static JobStorage CreateStorage(ResolvedSettings settings, bool prepareSchema)
    {
        var poll = TimeSpan.FromSeconds(settings.Raw.Jobs.PollIntervalSeconds);
        return settings.Provider switch
        {
            DatabaseProvider.Postgres => CreatePostgresStorage(settings, prepareSchema, poll),
            _ => CreateSqliteStorage(settings, poll),
        };
    }

    private static PostgreSqlStorage CreatePostgresStorage(ResolvedSettings settings, bool prepareSchema, TimeSpan poll)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = settings.Raw.Jobs.Schema,
            PrepareSchemaIfNecessary = prepareSchema,
            QueuePollInterval = poll,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(settings.ConnectionString, options), options);
    }

    private static SQLiteStorage CreateSqliteStorage(ResolvedSettings settings, TimeSpan poll)
    {
        SecretFiles.CreateDirectory(settings.DataDirectory);
        SecretFiles.CreateEmpty(settings.JobsSqlitePath);
        return new SQLiteStorage(settings.JobsSqlitePath, new SQLiteStorageOptions { QueuePollInterval = poll });
    }
}
