using Marketing.Consent;
using Marketing.Data;
using Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Channels.Sms;

/// <summary>Twilio's status callback: moves the send record's delivery status forward, never back.</summary>
public static class UpdateDeliveryStatus
{
    /// <returns>False when no SMS send record carries that id (not ours, or erased): nothing to do.</returns>
    public static async Task<bool> HandleAsync(MarketingDbContext db, string messageSid, string status, string? errorCode, CancellationToken ct)
    {
        var record = await db.SendRecords.SingleOrDefaultAsync(r => r.MessageId == messageSid && r.Channel == ChannelKeys.Sms, ct);
        if (record is null)
        {
            return false;
        }

        if (DeliveryStatuses.Rank(status) > DeliveryStatuses.Rank(record.DeliveryStatus))
        {
            record.DeliveryStatus = status;
            if (status is DeliveryStatuses.Undelivered or DeliveryStatuses.Failed && !string.IsNullOrEmpty(errorCode))
            {
                record.LastError = $"Twilio reported {status} (error {errorCode})";
            }

            await db.SaveChangesAsync(ct);
        }

        return true;
    }
}
