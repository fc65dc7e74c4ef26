using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketing.Access;
using Marketing.Server.Tests.Compliance;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Suppression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Leads;

/// <summary>
/// Imports through the admin API (R51, R33, E10): the upload answers 202 with the batch, a job reads the file, the
/// batch's counts show its progress and result, and its report is an audited, formula-safe export. Bad input is a 400
/// naming the field or the line, and records no batch.
/// </summary>
public abstract class ImportApiFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    [Fact]
    public async Task Upload_IsReadByAJob_CountingADuplicate_ABadLine_AndASuppressedAddressInAnotherCase_ThenItsReportIsExported()
    {
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await app.InScopeAsync(async db =>
        {
            var hasher = app.Services.GetRequiredService<AddressHasher>();
            db.Suppressions.Add(new SuppressionEntry
            {
                Id = Guid.CreateVersion7(), AddressHash = hasher.HashNormalized($"gone.{tag}@example.com"), Channel = SuppressionEntry.AnyChannel,
                Scope = SuppressionEntry.AnyPurpose, Reason = "unsubscribe", Source = "test", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        var csv = $"email,first_name\nnew.{tag}@example.com,Ana\nGONE.{tag}@Example.COM,Bea\nnew.{tag}@example.com,Ana again\nnot-an-address,Dee\nb.{tag}@example.com,Bo\n";

        var response = await marketer.PostAsync("/api/admin/imports", Upload(csv, new { sourceOrganisation = "Partner Ltd", contractReference = "=SUM(1)" }));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var url = response.Headers.Location!.ToString();
        var done = await Eventually.ReturnsAsync(async () => await marketer.GetFromJsonAsync<JsonElement>(url),
            b => b.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(60));
        var list = await marketer.GetFromJsonAsync<JsonElement>("/api/admin/imports");
        var csvReport = await Exports.DownloadAsync(marketer, $"{url}/report?format=csv");
        var jsonReport = await Exports.DownloadAsync(marketer, $"{url}/report?format=json");
        var resumed = await marketer.PostAsync($"{url}/resume", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = accepted.GetProperty("id").GetGuid();
        Assert.Equal($"/api/admin/imports/{id}", url);
        Assert.Equal(("completed", 5L, 2L, 1L, 1L, 1L), (done.GetProperty("status").GetString(), done.GetProperty("rowsRead").GetInt64(),
            done.GetProperty("created").GetInt64(), done.GetProperty("merged").GetInt64(), done.GetProperty("suppressed").GetInt64(), done.GetProperty("refused").GetInt64()));
        var refused = Assert.Single(done.GetProperty("refusedLines").EnumerateArray());
        Assert.Equal((5L, "email"), (refused.GetProperty("line").GetInt64(), refused.GetProperty("field").GetString()));
        Assert.False(done.GetProperty("resumable").GetBoolean());
        Assert.Contains(list.EnumerateArray(), b => b.GetProperty("id").GetGuid() == id && b.GetProperty("created").GetInt64() == 2);
        Assert.Equal(2, app.InScope(db => db.People.Count(p => p.Source == $"import:{id}")));
        Assert.Equal(0, app.InScope(db => db.People.Count(p => p.Email == $"gone.{tag}@example.com")));

        var batchRow = Assert.Single(Exports.ReadCsv(csvReport.Files["import.csv"]));
        Assert.Equal(("Partner Ltd", "'=SUM(1)", "5", "2", "1", "1", "1"), (batchRow["SourceOrganisation"], batchRow["ContractReference"], batchRow["RowsRead"],
            batchRow["Created"], batchRow["Merged"], batchRow["Suppressed"], batchRow["Refused"]));
        var refusedRow = Assert.Single(Exports.ReadCsv(csvReport.Files["refused-lines.csv"]));
        Assert.Equal(("5", "email", "is not a valid email address"), (refusedRow["Line"], refusedRow["Field"], refusedRow["Error"]));
        Assert.Equal(1, csvReport.Manifest.GetProperty("rowCount").GetInt64());
        var jsonRow = JsonDocument.Parse(jsonReport.Files["import.json"]).RootElement[0];
        Assert.Equal((5L, 1L), (jsonRow.GetProperty("rowsRead").GetInt64(), jsonRow.GetProperty("suppressed").GetInt64()));
        Assert.Equal(2, app.InScope(db => db.AuditEntries.Count(a => a.Action == "import.exported" && a.Target == id.ToString())));
        Assert.Equal(HttpStatusCode.Conflict, resumed.StatusCode);
    }

    [Theory]
    [InlineData("email\nx@example.com\n", "{\"sourceOrganisation\": \" \"}", "sourceOrganisation")]
    [InlineData("email\nx@example.com\n", "{\"sourceOrganisation\": \"Partner Ltd\", \"channels\": [\"fax\"]}", "channels")]
    [InlineData("email\nx@example.com\n", "not json", "batch")]
    [InlineData("email\nx@example.com\n", "{\"sourceOrganisation\": 12}", "batch.sourceOrganisation")]
    [InlineData("name,town\nAna,Paris\n", "{\"sourceOrganisation\": \"Partner Ltd\"}", "file")]
    [InlineData("email,Bad Column\nx@example.com,1\n", "{\"sourceOrganisation\": \"Partner Ltd\"}", "file")]
    [InlineData("", "{\"sourceOrganisation\": \"Partner Ltd\"}", "file")]
    public async Task Upload_Returns400NamingTheField_AndRecordsNoBatch(string csv, string batch, string field)
    {
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var before = app.InScope(db => db.ImportBatches.Count());
        using var form = new MultipartFormDataContent { { new StringContent(batch), "batch" } };
        if (csv.Length > 0)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "list.csv");
        }

        var response = await marketer.PostAsync("/api/admin/imports", form);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(before, app.InScope(db => db.ImportBatches.Count()));
    }

    [Fact]
    public async Task Resume_ReadsOnFromTheCheckpoint_WhileTheFileIsKept_AndIsRefusedWithoutIt()
    {
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);
        var tag = Guid.NewGuid().ToString("N")[..8];
        // A batch stopped after its first line, as a crashed job leaves it: the checkpoint says line 2 is done.
        var (stopped, orphan) = await app.InScopeAsync(async db =>
        {
            var first = (await Marketing.Leads.ImportContacts.StartAsync(db, TimeProvider.System, new("Partner Ltd"), "key:test", CancellationToken.None)).Value;
            var second = (await Marketing.Leads.ImportContacts.StartAsync(db, TimeProvider.System, new("Partner Ltd"), "key:test", CancellationToken.None)).Value;
            var tracked = await db.ImportBatches.SingleAsync(b => b.Id == first.Id);
            (tracked.LinesDone, tracked.RowsRead, tracked.Created) = (2, 1, 1);
            await db.SaveChangesAsync();
            return (first.Id, second.Id);
        });
        var settings = app.Services.GetRequiredService<Marketing.Server.Hosting.ResolvedSettings>();
        Directory.CreateDirectory(Marketing.Server.Leads.ImportFiles.DirectoryOf(settings));
        await File.WriteAllTextAsync(Marketing.Server.Leads.ImportFiles.PathOf(settings, stopped),
            $"email\nskipped.{tag}@example.com\nc.{tag}@example.com\nd.{tag}@example.com\n");

        var resumed = await marketer.PostAsync($"/api/admin/imports/{stopped}/resume", null);
        var done = await Eventually.ReturnsAsync(async () => await marketer.GetFromJsonAsync<JsonElement>($"/api/admin/imports/{stopped}"),
            b => b.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(60));
        var refused = await marketer.PostAsync($"/api/admin/imports/{orphan}/resume", null);

        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        Assert.Equal((3L, 3L), (done.GetProperty("rowsRead").GetInt64(), done.GetProperty("created").GetInt64()));
        Assert.Equal(0, app.InScope(db => db.People.Count(p => p.Email == $"skipped.{tag}@example.com")));
        Assert.False(File.Exists(Marketing.Server.Leads.ImportFiles.PathOf(settings, stopped)));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Report_RefusesAnUnknownFormat_AndAnUnknownBatchIs404()
    {
        using var marketer = await app.ClientAsAsync(ApiKeyRole.Marketer);

        var format = await marketer.GetAsync($"/api/admin/imports/{Guid.NewGuid()}/report?format=xlsx");
        var missing = await marketer.GetAsync($"/api/admin/imports/{Guid.NewGuid()}/report?format=csv");
        var resume = await marketer.PostAsync($"/api/admin/imports/{Guid.NewGuid()}/resume", null);

        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.True((await format.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, resume.StatusCode));
    }

    [Fact]
    public void UploadRoute_HasItsOwnLimitFromTheSetting_WhileAnotherAdminRouteKeepsTheGeneralOne()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        long? LimitOf(string name) => endpoints.Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name)
            .Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;

        // Marketing:Imports:MaxUploadBytes (500,000,000 by default) and 1,000,000 for the form around the file.
        Assert.Equal(501_000_000, LimitOf("StartImport"));
        Assert.Null(LimitOf("PutSegment"));
        Assert.Equal(30_000_000, Marketing.Server.Hosting.InputPolicy.DefaultMaxBodyBytes);
    }

    [Fact]
    public async Task Upload_LargerThanTheGeneralLimit_IsStreamedToDisk_AndImports()
    {
        // The factory's redirect handler copies a request's body to replay it: without it the body goes as it is written.
        using var marketer = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        marketer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.CreateKeyAsync(ApiKeyRole.Marketer));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var directory = Marketing.Server.Leads.ImportFiles.DirectoryOf(app.Services.GetRequiredService<Marketing.Server.Hosting.ResolvedSettings>());
        // 40 MB: three addresses among blank lines (which a CSV reader skips), written as it is sent. Half-way, the sender waits
        // until the server has begun writing the file to disk: a server holding the body whole would not have yet.
        var onDiskMidway = false;
        var csv = new GeneratedCsv($"email\na.{tag}@example.com\n", 40_000_000, $"b.{tag}@example.com\nc.{tag}@example.com\n", async () =>
            onDiskMidway = await Eventually.ReturnsAsync(() => Task.FromResult(Directory.Exists(directory)
                && Directory.GetFiles(directory, "upload-*.part").Any(f => new FileInfo(f).Length > 1_000_000)), seen => seen, TimeSpan.FromSeconds(60)));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(new { sourceOrganisation = "Big List Ltd" })), "batch" },
            { csv, "file", "big.csv" },
        };

        var response = await marketer.PostAsync("/api/admin/imports", form);
        var url = response.Headers.Location!.ToString();
        var done = await Eventually.ReturnsAsync(async () => await marketer.GetFromJsonAsync<JsonElement>(url),
            b => b.GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(120));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(onDiskMidway, "the server had written nothing of the file when half of it was sent");
        Assert.Equal((3L, 3L, 0L), (done.GetProperty("rowsRead").GetInt64(), done.GetProperty("created").GetInt64(), done.GetProperty("refused").GetInt64()));
        Assert.Equal(3, app.InScope(db => db.People.Count(p => p.Email!.EndsWith($".{tag}@example.com"))));
    }

    [Fact]
    public async Task Upload_OverTheImportLimit_Is413NamingTheFile_AndLeavesNoFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"import-upload-{Guid.NewGuid():N}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("{\"sourceOrganisation\": \"Partner Ltd\"}"), "batch" },
            { new GeneratedCsv("email\n", 2_000_100, "x@example.com\n"), "file", "list.csv" },
        };
        var http = new DefaultHttpContext();
        http.Request.ContentType = form.Headers.ContentType!.ToString();
        http.Request.Body = await form.ReadAsStreamAsync();

        var (upload, problem) = await Marketing.Server.Leads.ImportUpload.ReadAsync(http.Request, directory, 2_000_000, CancellationToken.None);
        http.Response.Body = new MemoryStream();
        http.RequestServices = app.Services;
        await problem!.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body);

        Assert.Null(upload);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, http.Response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("file", out _));
        Assert.Empty(Directory.GetFiles(directory));
    }

    /// <summary>A CSV of a given size written as it is sent: a head, blank lines (with a pause half-way), a tail.</summary>
    private sealed class GeneratedCsv(string head, long size, string tail, Func<Task>? midway = null) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(head));
            var blank = new byte[64 * 1024];
            Array.Fill(blank, (byte)'\n');
            var left = size - Encoding.UTF8.GetByteCount(head) - Encoding.UTF8.GetByteCount(tail);
            var half = left / 2;
            while (left > 0)
            {
                if (midway is not null && left <= half)
                {
                    await stream.FlushAsync();
                    await midway();
                    midway = null;
                }

                var n = (int)Math.Min(blank.Length, left);
                await stream.WriteAsync(blank.AsMemory(0, n));
                left -= n;
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(tail));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = size;
            return true;
        }
    }

    private static MultipartFormDataContent Upload(string csv, object batch) => new()
    {
        { new StringContent(JsonSerializer.Serialize(batch)), "batch" },
        { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "list.csv" },
    };
}

public sealed class ImportApiFacts_OnSqlite(SqliteApp app) : ImportApiFacts<SqliteApp>(app);

public sealed class ImportApiFacts_OnPostgres(PostgresApp app) : ImportApiFacts<PostgresApp>(app);
