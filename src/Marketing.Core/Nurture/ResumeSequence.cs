using Marketing.Common;
using Marketing.Data;

namespace Marketing.Nurture;

/// <summary>Lets a paused sequence run again: the steps that fell due meanwhile run on the next pass.</summary>
public static class ResumeSequence
{
    public static Task<Outcome<Sequence>> HandleAsync(MarketingDbContext db, TimeProvider clock, string key, string actor, CancellationToken ct) =>
        PauseSequence.SetStatusAsync(db, clock, key, SequenceStatuses.Active, "sequence.resumed", actor, ct);
}
