using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Access;

/// <summary>
/// Who did what, from where, to which object: the compliance audit trail (R49). Append-only like the consent ledger:
/// the application adds rows and never changes one; only <see cref="PurgeAuditLog"/> removes rows past the retention.
/// </summary>
public sealed class AuditEntry
{
    public const int ActorLength = 120;
    public const int ActionLength = 80;
    public const int TargetLength = 200;
    public const int ObjectTypeLength = 40;
    public const int RoleLength = 20;
    public const int SourceLength = 64;

    // One factory, Create: every row carries the origin of the flow that made it.
    private AuditEntry()
    {
    }

    public Guid Id { get; private init; }
    public DateTimeOffset At { get; private init; }
    /// <summary>The key name (<c>key:ops</c>), the user (<c>user:ada@example.com</c>), <c>cli</c> or a job.</summary>
    public string Actor { get; private init; } = "";
    /// <summary>The role of the actor when it acted: admin, marketer, compliance, dpo; cli, system or public.</summary>
    public string? Role { get; private init; }
    public string Action { get; private init; } = "";
    /// <summary>The kind of object acted on (<c>person</c>, <c>api_key</c>, <c>suppression</c>…), with <see cref="Target"/> its id.</summary>
    public string? ObjectType { get; private init; }
    /// <summary>The id of the object acted on.</summary>
    public string? Target { get; private init; }
    public string? Detail { get; private init; }
    /// <summary>The client's IP address; <c>cli</c> for the command line, <c>job</c> for the engine's own work.</summary>
    public string? Source { get; private init; }

    /// <summary>
    /// A new entry, stamped with <see cref="AuditOrigin.Current"/>. Without <paramref name="objectType"/>, a target's
    /// type is the action's family (<c>api_key</c> for <c>api_key.created</c>). Longer values are cut to the columns.
    /// </summary>
    public static AuditEntry Create(TimeProvider clock, string actor, string action, string? target, string? detail = null, string? objectType = null) =>
        CreateAt(clock.GetUtcNow(), actor, action, target, detail, objectType);

    /// <summary>An entry at an instant the use case already holds (so that it matches the rows it audits).</summary>
    public static AuditEntry CreateAt(DateTimeOffset at, string actor, string action, string? target, string? detail = null, string? objectType = null)
    {
        var origin = AuditOrigin.Current;
        return new()
        {
            Id = Guid.CreateVersion7(),
            At = at,
            Actor = Cut(actor, ActorLength)!,
            Role = Cut(origin.Role, RoleLength),
            Action = Cut(action, ActionLength)!,
            ObjectType = Cut(objectType ?? (target is null ? null : action.Split('.')[0]), ObjectTypeLength),
            Target = Cut(target, TargetLength),
            Detail = detail,
            Source = Cut(origin.Source, SourceLength),
        };
    }

    private static string? Cut(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(AuditEntry.ActorLength);
        builder.Property(a => a.Role).HasMaxLength(AuditEntry.RoleLength);
        builder.Property(a => a.Action).HasMaxLength(AuditEntry.ActionLength);
        builder.Property(a => a.ObjectType).HasMaxLength(AuditEntry.ObjectTypeLength);
        builder.Property(a => a.Target).HasMaxLength(AuditEntry.TargetLength);
        builder.Property(a => a.Source).HasMaxLength(AuditEntry.SourceLength);
        builder.HasIndex(a => a.At);
        // The search by object (a person's reads, a key's changes).
        builder.HasIndex(a => new { a.Target, a.At });
    }
}
