using System.Net.Http.Json;
using Marketing.Access;
using Marketing.Consent;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Server.Tests.Infrastructure;

/// <summary>
/// A person's consent to click tracking as the ledger's projection holds it (R31, R32): a click is recorded only under it,
/// so a test that needs a recorded click sets it first, and a test of a withdrawal changes it.
/// </summary>
public static class TrackingConsents
{
    public static async Task SetClickConsentAsync(this MarketingApp app, Guid sendId, string status)
    {
        using var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        (await admin.PutAsJsonAsync($"/api/admin/purposes/{TrackingPurposes.Clicks}", new
        {
            names = new { en = "Click measurement" }, channels = new[] { "email" },
            bases = new Dictionary<string, object> { ["fr"] = new { basis = "consent" } }, retentionDays = 365,
        })).EnsureSuccessStatusCode();
        await app.InScopeAsync(async db =>
        {
            var personId = await db.SendRecords.Where(r => r.Id == sendId).Select(r => r.PersonId).SingleAsync();
            var purpose = await db.Purposes.SingleAsync(p => p.Key == TrackingPurposes.Clicks);
            if (await db.ConsentStates.SingleOrDefaultAsync(s => s.PersonId == personId && s.PurposeId == purpose.Id) is { } state)
            {
                state.Status = status;
            }
            else
            {
                db.ConsentStates.Add(new ConsentState
                {
                    PersonId = personId, PurposeId = purpose.Id, Channel = "email", Status = status, LastEventId = Guid.NewGuid(), UpdatedAt = DateTimeOffset.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        });
    }
}
