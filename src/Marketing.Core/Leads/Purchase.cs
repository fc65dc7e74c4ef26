using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketing.Leads;

/// <summary>
/// An order a person placed, as the shop reports it: what makes them a customer for the customer exception of
/// electronic marketing (R3, R7, R8 § 7(3) UWG). An account without an order is not one. The exception also needs
/// the person to have been offered a free, simple way to refuse marketing when the order was taken.
/// </summary>
public sealed class Purchase
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The shop's order or negotiation reference.</summary>
    public required string Reference { get; init; }
    /// <summary>The product category, e.g. <c>running-shoes</c>: only offers for analogous products may use the exception.</summary>
    public required string Category { get; init; }
    public DateTimeOffset OrderedAt { get; init; }
    /// <summary>The order form showed an unticked way to refuse marketing (the "opt-out offered at collection" flag).</summary>
    public bool OptOutOffered { get; init; }
    /// <summary>The customer used it: no offer may rest on this order.</summary>
    public bool RefusedMarketing { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    /// <summary>Who reported it, e.g. <c>key:shop</c>.</summary>
    public required string Source { get; init; }
}

internal sealed class PurchaseConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> builder)
    {
        builder.ToTable("purchases");
        builder.HasKey(p => p.Id);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
        // A reference reported twice for one person is the same order.
        builder.HasIndex(p => new { p.PersonId, p.Reference }).IsUnique();
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.Category).HasMaxLength(64);
        builder.Property(p => p.Source).HasMaxLength(120);
    }
}
