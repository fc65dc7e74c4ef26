using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;

namespace Marketing.Server.Tests.Channels.Sms;

/// <summary>SMS templates through the admin API: the French content rule (R58), and the preview's encoding and segments.</summary>
public sealed class SmsTemplateFacts(SqliteSmsApp app) : IClassFixture<SqliteSmsApp>
{
    [Theory]
    [InlineData("Nos offres de printemps sont en ligne !", "Acme")]
    [InlineData("{{ sender.name }} : nos offres de printemps sont en ligne !", "STOP")]
    [InlineData("Nos offres de printemps. STOP au 36111", "Acme")]
    public async Task AFrenchMarketingSms_WithoutSenderOrStop_IsRefused_NamingTheBody(string body, string missing)
    {
        var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var response = await admin.PutAsJsonAsync($"/api/admin/templates/promo-{Guid.NewGuid():N}"[..40] + "/fr", new { channel = "sms", messageType = "marketing", body });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString();
        Assert.Contains("R58", message, StringComparison.Ordinal);
        Assert.Contains(missing, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmsTemplates_AreSaved_AndPreviewedWithTheirEncodingAndSegments()
    {
        var admin = await app.ClientAsAsync(ApiKeyRole.Admin);
        var key = $"promo-{Guid.NewGuid():N}"[..20];

        var french = await admin.PutAsJsonAsync($"/api/admin/templates/{key}/fr", new { channel = "sms", messageType = "marketing", body = "{{ sender.name }} : -20% ce week-end. STOP au 36111" });
        var english = await admin.PutAsJsonAsync($"/api/admin/templates/{key}/en", new { channel = "sms", messageType = "marketing", body = "Fête des crêpes chez {{ sender.name }} : {{ person.first_name }}, venez goûter !" });
        var withSubject = await admin.PutAsJsonAsync($"/api/admin/templates/{key}/de", new { channel = "sms", messageType = "marketing", subject = "Hallo", body = "x" });
        var gsm = await (await admin.PostAsync($"/api/admin/templates/{key}/fr/preview", null)).Content.ReadFromJsonAsync<JsonElement>();
        var ucs = await (await admin.PostAsync($"/api/admin/templates/{key}/en/preview", null)).Content.ReadFromJsonAsync<JsonElement>();
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/templates/{key}/fr");

        Assert.Equal(HttpStatusCode.OK, french.StatusCode);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withSubject.StatusCode);
        Assert.Equal("sms", listed.GetProperty("channel").GetString());
        Assert.Equal($"{SmsApp.SenderName} : -20% ce week-end. STOP au 36111", gsm.GetProperty("text").GetString());
        Assert.Equal(("GSM-7", 1), (gsm.GetProperty("encoding").GetString(), gsm.GetProperty("segments").GetInt32()));
        Assert.Equal("Fête des crêpes chez Acme : Ana, venez goûter !", ucs.GetProperty("text").GetString());
        Assert.Equal(("UCS-2", 1), (ucs.GetProperty("encoding").GetString(), ucs.GetProperty("segments").GetInt32()));
    }

    [Fact]
    public async Task TheShippedSmsDefaults_AreListed_AndTheFrenchOfferFollowsR58()
    {
        var admin = await app.ClientAsAsync(ApiKeyRole.Admin);

        var offer = await (await admin.PostAsync("/api/admin/templates/sms-offer/fr/preview", null)).Content.ReadFromJsonAsync<JsonElement>();
        var verification = await admin.GetFromJsonAsync<JsonElement>("/api/admin/templates/sms-verification/fr");

        Assert.Contains(SmsApp.SenderName, offer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("STOP", offer.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(("sms", "doi", "default"), (verification.GetProperty("channel").GetString(), verification.GetProperty("messageType").GetString(), verification.GetProperty("origin").GetString()));
    }
}
