using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Access;

/// <summary>Who did what to the engine's configuration and data, for the compliance audit trail.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The key name (<c>key:ops</c>) or <c>cli</c> for the command line.</summary>
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Target { get; init; }
    public string? Detail { get; init; }

    public static AuditEntry Create(TimeProvider clock, string actor, string action, string? target, string? detail = null) => new()
    {
        Id = Guid.CreateVersion7(),
        At = clock.GetUtcNow(),
        Actor = actor,
        Action = action,
        Target = target,
        Detail = detail,
    };
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(120);
        builder.Property(a => a.Action).HasMaxLength(80);
        builder.Property(a => a.Target).HasMaxLength(200);
        builder.HasIndex(a => a.At);
    }
}
