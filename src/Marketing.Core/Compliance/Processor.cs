using Marketing.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Compliance;

/// <summary>
/// A processor (or joint/independent controller) that receives personal data, with where it keeps and reads it and on
/// what ground data goes there (R43, R44). A channel that sends personal data to it is switched on only once it exists.
/// </summary>
public sealed class Processor
{
    public Guid Id { get; init; }
    /// <summary>What a channel's setting names it by, e.g. <c>Marketing:Sms:Processor=twilio</c>.</summary>
    public required string Key { get; init; }
    public required string LegalName { get; set; }
    /// <summary>One of <see cref="ProcessorRoles"/>.</summary>
    public required string Role { get; set; }
    public required string Service { get; set; }
    public List<string> DataCategories { get; set; } = [];
    /// <summary>ISO 3166-1 alpha-2 codes of the countries where the data is stored.</summary>
    public List<string> StorageCountries { get; set; } = [];
    /// <summary>Countries from which the processor (or its sub-processors) may access the data.</summary>
    public List<string> AccessCountries { get; set; } = [];
    /// <summary>One of <see cref="TransferMechanisms"/>, or null when no transfer leaves the EEA or an adequate country.</summary>
    public string? TransferMechanism { get; set; }
    public string? TransferDocument { get; set; }
    public DateOnly DpaDate { get; set; }
    public string? DpaReference { get; set; }
    public required string SubProcessorsUrl { get; set; }
    /// <summary>Certified under the EU-US Data Privacy Framework (R44), last checked on <see cref="DpfVerifiedOn"/>.</summary>
    public bool DpfCertified { get; set; }
    public DateOnly? DpfVerifiedOn { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A dated notice of a change to the processor list (R43), kept when the entry itself is changed or removed.</summary>
public sealed class ProcessorChange
{
    public Guid Id { get; init; }
    public required string ProcessorKey { get; init; }
    /// <summary><c>added</c>, <c>changed</c> or <c>removed</c>.</summary>
    public required string Change { get; init; }
    public required string Actor { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>The entry as it was after the change (before it, for a removal), as a one-line summary.</summary>
    public required string Summary { get; init; }
}

public static class ProcessorRoles
{
    public const string Processor = "processor";
    public const string JointController = "joint_controller";
    public const string IndependentController = "independent_controller";

    public static IReadOnlyList<string> All { get; } = [Processor, JointController, IndependentController];
}

internal sealed class ProcessorConfiguration : IEntityTypeConfiguration<Processor>
{
    public void Configure(EntityTypeBuilder<Processor> builder)
    {
        builder.ToTable("processors");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.Key).IsUnique();
        builder.Property(p => p.Key).HasMaxLength(64);
        builder.Property(p => p.LegalName).HasMaxLength(200);
        builder.Property(p => p.Role).HasMaxLength(32);
        builder.Property(p => p.Service).HasMaxLength(500);
        builder.Property(p => p.TransferMechanism).HasMaxLength(16);
        builder.Property(p => p.TransferDocument).HasMaxLength(500);
        builder.Property(p => p.DpaReference).HasMaxLength(500);
        builder.Property(p => p.SubProcessorsUrl).HasMaxLength(2000);
        builder.Property(p => p.DataCategories).HasJsonConversion();
        builder.Property(p => p.StorageCountries).HasJsonConversion();
        builder.Property(p => p.AccessCountries).HasJsonConversion();
    }
}

internal sealed class ProcessorChangeConfiguration : IEntityTypeConfiguration<ProcessorChange>
{
    public void Configure(EntityTypeBuilder<ProcessorChange> builder)
    {
        builder.ToTable("processor_changes");
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.ProcessorKey, c.At });
        builder.Property(c => c.ProcessorKey).HasMaxLength(64);
        builder.Property(c => c.Change).HasMaxLength(16);
        builder.Property(c => c.Actor).HasMaxLength(120);
    }
}
