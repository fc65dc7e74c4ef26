using Hangfire;
using Marketing.Common;
using Marketing.Data;
using Marketing.Diagnostics;
using Marketing.Server.Access;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Diagnostics;

public static class DiagnosticsEndpoints
{
    public sealed record ScheduleProbeRequest(int? DelaySeconds);
    public sealed record ProbeView(Guid Id, DateTimeOffset RequestedAt, DateTimeOffset DueAt, int RunCount, DateTimeOffset? FirstRunAt, string? LastRunBy);

    public static RouteGroupBuilder MapDiagnostics(this RouteGroupBuilder admin)
    {
        var probes = admin.MapGroup("/diagnostics/probes").WithTags("Diagnostics").RequireAuthorization(AccessPolicies.Admin);
        probes.MapPost("/", ScheduleAsync).WithName("ScheduleProbe");
        probes.MapGet("/{id:guid}", GetAsync).WithName("GetProbe");
        admin.MapGet("/diagnostics/memory", Memory).WithName("GetMemory").WithTags("Diagnostics").RequireAuthorization(AccessPolicies.Admin);
        return admin;
    }

    public sealed record MemoryView(long LiveHeapBytes, long CommittedBytes, long WorkingSetBytes, long PeakWorkingSetBytes, int Gen2Collections);

    /// <summary>
    /// What this node holds. <c>?collect=true</c> first runs a full, compacting collection, so that the live heap is
    /// what the node keeps, not what its garbage collector has not yet bothered to free.
    /// </summary>
    private static Ok<MemoryView> Memory(bool? collect)
    {
        if (collect == true)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        return TypedResults.Ok(new MemoryView(GC.GetTotalMemory(false), info.TotalCommittedBytes, process.WorkingSet64, process.PeakWorkingSet64,
            GC.CollectionCount(2)));
    }

    private static async Task<Results<Created<ProbeView>, ValidationProblem>> ScheduleAsync(
        ScheduleProbeRequest? request, MarketingDbContext db, TimeProvider clock, IBackgroundJobClient jobs, CancellationToken ct)
    {
        var outcome = await ScheduleProbe.HandleAsync(db, clock, request?.DelaySeconds, ct);
        if (outcome.Refusal is Refusal.Invalid invalid)
        {
            return Problems.Invalid(invalid);
        }

        var probe = outcome.Value;
        jobs.Schedule<ScheduledProbeJob>(job => job.RunAsync(probe.Id, CancellationToken.None), probe.DueAt);
        return TypedResults.Created($"/api/admin/diagnostics/probes/{probe.Id}", ToView(probe));
    }

    private static async Task<Results<Ok<ProbeView>, NotFound>> GetAsync(Guid id, MarketingDbContext db, CancellationToken ct)
    {
        var probe = await db.ScheduledProbes.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return probe is null ? TypedResults.NotFound() : TypedResults.Ok(ToView(probe));
    }

    private static ProbeView ToView(ScheduledProbe p) => new(p.Id, p.RequestedAt, p.DueAt, p.RunCount, p.FirstRunAt, p.LastRunBy);
}
