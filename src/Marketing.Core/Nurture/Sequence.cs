using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Nurture;

/// <summary>A nurture sequence: its draft, its published versions, and whether it runs or is paused.</summary>
public sealed class Sequence
{
    public Guid Id { get; init; }
    public required string Key { get; init; }
    public required SequenceDefinition Draft { get; set; }
    public int LatestVersion { get; set; }
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class SequenceStatuses
{
    /// <summary>Saved but never published: nothing enrols.</summary>
    public const string Draft = "draft";
    public const string Active = "active";
    /// <summary>No step runs and nobody new enrols; due steps wait and run on resume.</summary>
    public const string Paused = "paused";
}

/// <summary>
/// A published definition. It never changes: each enrolment stays on the version it started with, and a
/// later version applies to later enrolments only.
/// </summary>
public sealed class SequenceVersion
{
    public Guid Id { get; init; }
    public Guid SequenceId { get; init; }
    public int Version { get; init; }
    public required SequenceDefinition Definition { get; init; }
    public required string Sha256 { get; init; }
    public DateTimeOffset PublishedAt { get; init; }
    public required string PublishedBy { get; init; }
}

/// <summary>
/// One person going through one version of a sequence. The engine's own table holds the truth: the step to
/// run next and when it is due. Hangfire only runs the passes that advance due enrolments.
/// </summary>
public sealed class Enrolment
{
    public Guid Id { get; init; }
    /// <summary>Unique: a trigger seen twice enrols once.</summary>
    public required string Key { get; init; }
    public Guid SequenceId { get; init; }
    public Guid VersionId { get; init; }
    public int Version { get; init; }
    public Guid PersonId { get; init; }
    public required string Trigger { get; init; }
    public required string Status { get; set; }
    /// <summary>The step to run when <see cref="DueAt"/> comes.</summary>
    public string? StepId { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public int StepsRun { get; set; }
    public DateTimeOffset EnrolledAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }
    /// <summary>A pass working on this enrolment; another pass may take it once the lease has run out (the pass died).</summary>
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}

public static class EnrolmentStatuses
{
    public const string Active = "active";
    /// <summary>Reached an exit step or a goal.</summary>
    public const string Completed = "completed";
    /// <summary>Left early: the gate refused a step (withdrawal, STOP, suppression, erasure) or an admin ended it.</summary>
    public const string Exited = "exited";
    /// <summary>The engine could not run a step (e.g. a template removed since publication); visible to admins and in the job dashboard.</summary>
    public const string Failed = "failed";
}

/// <summary>How far the trigger scan has read the ledger and the submissions.</summary>
public sealed class NurtureCursor
{
    public required string Name { get; init; }
    public DateTimeOffset Position { get; set; }
}

internal sealed class SequenceConfiguration : IEntityTypeConfiguration<Sequence>
{
    public void Configure(EntityTypeBuilder<Sequence> builder)
    {
        builder.ToTable("sequences");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Draft).HasJsonConversion();
        builder.Property(s => s.Status).HasMaxLength(20);
    }
}

internal sealed class SequenceVersionConfiguration : IEntityTypeConfiguration<SequenceVersion>
{
    public void Configure(EntityTypeBuilder<SequenceVersion> builder)
    {
        builder.ToTable("sequence_versions");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => new { v.SequenceId, v.Version }).IsUnique();
        builder.Property(v => v.Definition).HasJsonConversion();
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.PublishedBy).HasMaxLength(120);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> builder)
    {
        builder.ToTable("enrolments");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => e.Key).IsUnique();
        builder.HasIndex(e => new { e.Status, e.DueAt });
        builder.HasIndex(e => new { e.SequenceId, e.PersonId });
        builder.HasIndex(e => e.PersonId);
        builder.Property(e => e.Key).HasMaxLength(200);
        builder.Property(e => e.Trigger).HasMaxLength(120);
        builder.Property(e => e.Status).HasMaxLength(20);
        builder.Property(e => e.StepId).HasMaxLength(40);
        builder.Property(e => e.EndReason).HasMaxLength(300);
        // A pass that lost its claim to another (it stalled past the lease) must not write: its save fails instead.
        builder.Property(e => e.ClaimedBy).HasMaxLength(120).IsConcurrencyToken();
    }
}

internal sealed class NurtureCursorConfiguration : IEntityTypeConfiguration<NurtureCursor>
{
    public void Configure(EntityTypeBuilder<NurtureCursor> builder)
    {
        builder.ToTable("nurture_cursors");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(40);
    }
}
