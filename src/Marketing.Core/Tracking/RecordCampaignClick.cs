using System.Security.Cryptography;
using System.Text;
using Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Tracking;

/// <summary>A campaign-level link was followed: one more on its count (R31). Nothing says who followed it.</summary>
public static class RecordCampaignClick
{
    public const int MaxCampaignLength = 200;
    public const int MaxUrlLength = 2048;

    public static async Task HandleAsync(MarketingDbContext db, TimeProvider clock, string campaign, string url, CancellationToken ct)
    {
        if (campaign.Length is 0 or > MaxCampaignLength || url.Length > MaxUrlLength)
        {
            return;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            if (await db.CampaignClickCounts.Where(c => c.Campaign == campaign && c.UrlHash == hash)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Clicks, c => c.Clicks + 1).SetProperty(c => c.LastClickOn, today), ct) > 0)
            {
                return;
            }

            db.CampaignClickCounts.Add(new CampaignClickCount { Campaign = campaign, UrlHash = hash, Url = url, Clicks = 1, LastClickOn = today });
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException e) when (attempt < 3 && BulkInsert.IsUniqueViolation(e))
            {
                // Another node counted this link's first click at the same moment: count on its row.
                db.ChangeTracker.Clear();
            }
        }
    }
}
