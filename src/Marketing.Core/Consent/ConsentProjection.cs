using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Consent;

/// <summary>The current consent state is a fold of the ledger; this is the fold, and a rebuild from scratch.</summary>
public static class ConsentProjection
{
    /// <summary>
    /// A fresh sign-up never downgrades a confirmed consent to pending: the person already proved the address.
    /// Anything else simply takes the newer status.
    /// </summary>
    public static string Next(string current, string incoming) =>
        current == ConsentStatuses.Confirmed && incoming == ConsentStatuses.PendingConfirmation ? current : incoming;

    /// <summary>
    /// Moves a state by one event. The state points at the event its status rests on, which is what the send
    /// gate cites as evidence: a repeated sign-up that leaves a confirmed consent confirmed does not move it.
    /// </summary>
    public static void Apply(ConsentState state, ConsentEvent e)
    {
        var next = Next(state.Status, e.Status);
        if (next == e.Status)
        {
            state.LastEventId = e.Id;
            state.UpdatedAt = e.OccurredAt;
        }

        state.Status = next;
    }

    /// <summary>The states the ledger implies, computed from the events alone.</summary>
    public static async Task<List<ConsentState>> RebuildAsync(MarketingDbContext db, CancellationToken ct)
    {
        var states = new Dictionary<(Guid, Guid, string), ConsentState>();
        await foreach (var e in db.ConsentEvents.AsNoTracking().OrderBy(e => e.PersonId).ThenBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (e.PersonId, e.PurposeId, e.Channel);
            if (!states.TryGetValue(key, out var state))
            {
                states[key] = state = new ConsentState { PersonId = e.PersonId, PurposeId = e.PurposeId, Channel = e.Channel, Status = e.Status };
            }

            Apply(state, e);
        }

        return [.. states.Values];
    }
}
