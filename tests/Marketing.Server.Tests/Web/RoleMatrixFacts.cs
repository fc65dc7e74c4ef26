using System.Collections.Concurrent;
using System.Net;
using Marketing.Access;
using Marketing.Server.Tests.Infrastructure;
using Marketing.Server.Tests.Jobs;
using Marketing.Suppression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Server.Tests.Web;

/// <summary>
/// Every page and action of the app for each role (issue 16): allowed, or 403; signed out, a redirect to the sign-in page.
/// Each role signs in with its second factor where it needs one.
/// </summary>
public abstract class RoleMatrixFacts<TApp>(TApp app) : IClassFixture<TApp> where TApp : MarketingApp
{
    private static readonly ConcurrentDictionary<(MarketingApp, ApiKeyRole), TestUser> Users = new();

    /// <summary>Page, then the roles that may open it. Anyone else signed in gets 403.</summary>
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "admin marketer compliance dpo" },
        { "/people", "admin marketer compliance dpo" },
        { "/people?q=someone%40example.com&status=confirmed", "admin marketer compliance dpo" },
        // A person nobody holds: an empty proof, still only for compliance roles.
        { "/people/00000000-0000-0000-0000-000000000001/consent-proof", "admin compliance dpo" },
        { "/settings/users", "admin" },
        { "/sites", "admin marketer" },
        // Sequences: every role reads them, as with the API's keys; only marketers and admins change them (the posts below).
        { "/sequences", "admin marketer compliance dpo" },
        { "/campaigns/broadcasts", "admin marketer" },
        // Every role reads and previews templates, as every API key does; the editor shows compliance and dpo no Save.
        { "/templates", "admin marketer compliance dpo" },
        { "/templates/welcome/en", "admin marketer compliance dpo" },
        { "/templates/account-invitation/fr", "admin marketer compliance dpo" },
        { "/templates/sms-offer/fr", "admin marketer compliance dpo" },
        { "/account/security", "admin marketer compliance dpo" },
        { "/account/security/authenticator", "admin marketer compliance dpo" },
        { "/admin/jobs", "admin" },
        { "/admin/jobs/recurring", "admin" },
        { "/sends", "admin marketer compliance dpo" },
        { "/sends?status=blocked&reason=quiet", "admin marketer compliance dpo" },
        { "/suppression", "admin compliance dpo" },
        { "/suppression?address=someone%40example.com", "admin compliance dpo" },
        { "/compliance", "admin compliance dpo" },
        { "/compliance?action=suppression.&actor=cli", "admin compliance dpo" },
        { "/compliance/consent-proof?format=json", "admin compliance dpo" },
        { "/compliance/cookie-consents", "admin compliance dpo" },
        // The audit trail (R49, E9): its search and its export, for admin, compliance and the DPO only.
        { "/compliance?object=00000000-0000-0000-0000-000000000001&since=2026-01-01&until=2026-02-01", "admin compliance dpo" },
        { "/compliance/audit-log?action=person.", "admin compliance dpo" },
        // Processors and the register (R43, R42): read by every compliance role, changed by an admin or the DPO (the posts below).
        { "/compliance/processors", "admin compliance dpo" },
        { "/compliance/processors/new", "admin compliance dpo" },
        { "/compliance/register", "admin compliance dpo" },
        { "/compliance/register/export?lang=fr", "admin compliance dpo" },
        { "/compliance/incidents", "admin compliance dpo" },
        { "/compliance/incidents/new", "admin compliance dpo" },
        { "/compliance/incidents/export?format=json", "admin compliance dpo" },
        { "/compliance/suppression-list", "admin compliance dpo" },
        { "/settings/api-keys", "admin" },
        { "/settings/domains", "admin" },
        { "/settings/channels", "admin" },
        // Webhooks (R55): an endpoint's secret is an integration credential, as the API's admin-only routes say.
        { "/settings/webhooks", "admin" },
        // The banner API is a marketing one; purposes and notices are read by every key and changed by admin only.
        { "/banners", "admin marketer" },
        { "/purposes", "admin marketer compliance dpo" },
        { "/purposes/edit", "admin" },
        // Data-subject requests (R36): the queue and the E4 log are compliance staff's, never a marketer's.
        { "/dsr", "admin compliance dpo" },
        { "/dsr/log", "admin compliance dpo" },
        { "/dsr/log?format=json", "admin compliance dpo" },
        { "/api-reference/", "admin marketer compliance dpo" },
        // Imports and segments (issue 18): marketing roles, as with the API's keys.
        { "/people/imports", "admin marketer" },
        { "/people/segments", "admin marketer" },
        { "/people/segments/new", "admin marketer" },
        // Reports (issue 18 item 6) are the marketers' with the reports API; a report of a key that exists is in the theory below.
        { "/reports", "admin marketer" },
    };

    public static TheoryData<string> Roles => new() { "admin", "marketer", "compliance", "dpo" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_OpensForItsRoles_AndIs403ForTheOthers(string path, string allowed)
    {
        foreach (var role in ApiKeyRoles.All)
        {
            using var session = await SessionAsync(role);

            var response = await session.Client.GetAsync(path);

            var expected = allowed.Split(' ').Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} GET {path}: {(int)response.StatusCode} {response.Headers.Location}, expected {(int)expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CancellingABroadcast_IsAMarketersAction(string role)
    {
        using var session = await SessionAsync(role);
        var key = $"rm-{role}-{Guid.NewGuid():N}"[..20];
        await app.InScopeAsync(async db =>
        {
            db.Broadcasts.Add(new Marketing.Broadcasts.Broadcast
            {
                Id = Guid.CreateVersion7(), Key = key, Name = "Offer", Status = "draft", SegmentKey = "s1", PurposeKey = "p1", Channel = "email",
                TemplateKey = "welcome", ScheduleKind = "now", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var response = await session.PostFormAsync("/campaigns/broadcasts", $"cancel-{key}", new() { ["Target"] = key }, tokenFrom: "/");

        var mayCancel = role is "admin" or "marketer";
        Assert.Equal(mayCancel ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(mayCancel ? "cancelled" : "draft", app.InScope(db => db.Broadcasts.Single(b => b.Key == key).Status));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_SendsTheSignedOut_ToSignIn(string path, string allowed)
    {
        _ = allowed;
        using var session = WebSession.Anonymous(app);

        var response = await session.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/sign-in?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task InvitingAUser_IsAnAdminsAction(string role)
    {
        using var session = await SessionAsync(role);
        var email = $"invitee.{Guid.NewGuid():N}@staff.example";

        var response = await session.PostFormAsync("/settings/users", "invite",
            new() { ["Invite.Email"] = email, ["Invite.Role"] = "marketer", ["Invite.Locale"] = "en" }, tokenFrom: "/");

        Assert.Equal(role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Users.Count(u => u.Email == email)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task OpeningADataSubjectRequest_IsAComplianceAction(string role)
    {
        using var session = await SessionAsync(role);
        var email = $"requester.{Guid.NewGuid():N}@example.com";

        var response = await session.PostFormAsync("/dsr", "open",
            new() { ["Input.Type"] = "access", ["Input.Channel"] = "email", ["Input.Email"] = email, ["Input.IdentityMethod"] = "known_address" }, tokenFrom: "/");

        var allowed = role is "admin" or "compliance" or "dpo";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? 1 : 0, app.InScope(db => db.DataSubjectRequests.Count(t => t.Email == email)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ExtendingAndClosingADataSubjectRequest_AreComplianceActions(string role)
    {
        var ticket = await app.InScopeAsync(async db => (await Marketing.Compliance.OpenDataSubjectRequest.HandleAsync(db, TimeProvider.System,
            new("rectification", "letter", $"matrix.{Guid.NewGuid():N}@example.com", null, "document", null), "test", CancellationToken.None)).Value.Id);
        using var session = await SessionAsync(role);

        var extended = await session.PostFormAsync($"/dsr/{ticket}", "extend", new() { ["Extension.Months"] = "1", ["Extension.Reason"] = "complex" }, tokenFrom: "/");
        var closed = await session.PostFormAsync($"/dsr/{ticket}", "complete", new() { ["Completion.Outcome"] = "fulfilled" }, tokenFrom: "/");

        var allowed = role is "admin" or "compliance" or "dpo";
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, extended.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, closed.StatusCode);
        var stored = app.InScope(db => db.DataSubjectRequests.Single(t => t.Id == ticket));
        Assert.Equal((allowed, allowed), (stored.ExtendedAt is not null, stored.Status == "closed"));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ChangingARole_AndDisabling_AreAnAdminsActions(string role)
    {
        var target = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = await SessionAsync(role);

        var changed = await session.PostFormAsync("/settings/users", $"role-{target.Id:N}",
            new() { ["UserId"] = target.Id.ToString(), ["Role"] = "compliance" }, tokenFrom: "/");
        var disabled = await session.PostFormAsync("/settings/users", $"status-{target.Id:N}",
            new() { ["UserId"] = target.Id.ToString(), ["Status"] = "disable" }, tokenFrom: "/");

        var expected = role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, changed.StatusCode);
        Assert.Equal(expected, disabled.StatusCode);
        var user = app.InScope(db => db.Users.Single(u => u.Id == target.Id));
        Assert.Equal(role == "admin" ? ApiKeyRole.Compliance : ApiKeyRole.Marketer, user.Role);
        Assert.Equal(role == "admin", user.DisabledAt is not null);
    }

    /// <summary>As <c>POST /api/admin/people/{id}/erasure</c>: admin, compliance and dpo erase a person; a marketer gets 403 and nothing changes.</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ErasingAPerson_IsAComplianceAction(string role)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await SessionAsync(role);

        var page = await session.Client.GetAsync($"/people/{person.Id}/erase");
        var response = await session.PostFormAsync($"/people/{person.Id}/erase", "erase",
            new() { ["Input.Ground"] = "objection", ["Input.Confirm"] = "true" }, tokenFrom: "/");

        var allowed = role is not "marketer";
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? null : person.Email, app.InScope(db => db.People.Single(p => p.Id == person.Id).Email));
    }

    /// <summary>As <c>PUT /api/admin/templates</c>: admin and marketer save a marketing template; compliance and dpo get 403.</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SavingAMarketingTemplate_IsAnAdminsOrAMarketersAction(string role)
    {
        using var session = await SessionAsync(role);
        var key = TemplateForms.NewKey("matrix");

        var response = await session.PostFormAsync($"/templates/{key}/en?channel=email", "template",
            TemplateForms.Email("Spring", "<p>Hello</p>", "save"), tokenFrom: "/");

        var allowed = role is "admin" or "marketer";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? 1 : 0, app.InScope(db => db.MessageTemplates.Count(t => t.Key == key)));
    }

    /// <summary>R60 (TemplateAuthority): a transactional template, and the layout, are an admin's alone.</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SavingATransactionalTemplateOrTheLayout_IsAnAdminsAction(string role)
    {
        using var session = await SessionAsync(role);
        var key = TemplateForms.NewKey("receipt");
        var transactional = TemplateForms.Email("Your receipt", "<p>Thanks</p>", "save");
        transactional["Input.MessageType"] = "transactional";

        var receipt = await session.PostFormAsync($"/templates/{key}/en?channel=email", "template", transactional, tokenFrom: "/");
        // The layout of a locale nobody sends in: saving it changes no other test's mail.
        var layout = await session.PostFormAsync("/templates/layout/la?channel=email", "template",
            new() { ["Input.Channel"] = "email", ["Input.Html"] = "<div>{{ content }}</div>", ["Input.Action"] = "save" }, tokenFrom: "/");

        var expected = role == "admin" ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden;
        Assert.Equal(expected, receipt.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.MessageTemplates.Count(t => t.Key == key)));
        Assert.Equal(expected, layout.StatusCode);
    }

    /// <summary>
    /// The pages' one post policy (<c>PostPolicyAttribute</c>): a role the page does not draw a form for gets 403, not the
    /// framework's 400 for an unknown form; and a form whose one button is a write and the other a preview is refused by
    /// its write alone.
    /// </summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task APostByARoleThatMayNot_Is403_EvenForAFormThePageDoesNotDrawForIt(string role)
    {
        using var session = await SessionAsync(role);
        var site = $"matrix-{Guid.NewGuid():N}"[..30];
        var key = TemplateForms.NewKey("preview");

        var created = await session.PostFormAsync("/sites", "new-site",
            new() { ["NewSite.Id"] = site, ["NewSite.Name"] = "Matrix", ["NewSite.Origins"] = "https://matrix.example" }, tokenFrom: "/");
        var preview = await session.PostFormAsync($"/templates/{key}/en?channel=email", "template", TemplateForms.Email("Spring", "<p>Hello</p>", "preview"), tokenFrom: "/");

        Assert.Equal(role switch { "admin" => HttpStatusCode.Redirect, _ => HttpStatusCode.Forbidden }, created.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Sites.Count(s => s.Id == site)));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CreatingATemplate_IsAnAdminsOrAMarketersAction(string role)
    {
        using var session = await SessionAsync(role);
        var key = TemplateForms.NewKey("created");

        var response = await session.PostFormAsync("/templates", "new-template", new() { ["New.Key"] = key, ["New.Locale"] = "fr", ["New.Channel"] = "sms" }, tokenFrom: "/");

        Assert.Equal(role is "admin" or "marketer" ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, app.InScope(db => db.MessageTemplates.Count(t => t.Key == key)));
    }

    /// <summary>As <c>PUT /api/admin/processors/{key}</c>: an admin or the DPO enters a processor; compliance reads only (R43).</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SavingAProcessor_IsAnAdminsOrTheDposAction(string role)
    {
        using var session = await SessionAsync(role);
        var key = $"matrix-{Guid.NewGuid():N}"[..20];

        var response = await session.PostFormAsync("/compliance/processors/new", "processor", new()
        {
            ["key"] = key, ["legalName"] = "Relay SAS", ["role"] = "processor", ["service"] = "Email relay", ["dataCategories"] = "email address",
            ["storageCountries"] = "FR", ["accessCountries"] = "FR", ["dpaDate"] = "2025-01-01", ["subProcessorsUrl"] = "https://relay.example/sub",
        }, tokenFrom: "/");

        var allowed = role is "admin" or "dpo";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? 1 : 0, app.InScope(db => db.Processors.Count(p => p.Key == key)));
    }

    /// <summary>As <c>POST /api/admin/processor-notices/{id}/acknowledge</c>: an admin or the DPO records a processor's acknowledgement (R35, R38).</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task AcknowledgingAProcessorNotice_IsAnAdminsOrTheDposAction(string role)
    {
        var notice = new Marketing.Compliance.ProcessorNotice
        {
            Id = Guid.NewGuid(), PersonId = Guid.NewGuid(), ProcessorKey = "relay", ProcessorName = "Relay SAS", Reason = "erasure",
            Status = "pending", CreatedAt = DateTimeOffset.UtcNow,
        };
        await app.InScopeAsync(async db => { db.ProcessorNotices.Add(notice); return await db.SaveChangesAsync(); });
        using var session = await SessionAsync(role);

        var response = await session.PostFormAsync("/compliance/processors", $"notice-{notice.Id:N}", new() { ["NoticeId"] = notice.Id.ToString() }, tokenFrom: "/");

        var allowed = role is "admin" or "dpo";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? "acknowledged" : "pending", app.InScope(db => db.ProcessorNotices.Single(n => n.Id == notice.Id).Status));
    }

    /// <summary>R42: the DPO's fields of the register are written by an admin or the DPO; compliance reads them.</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SavingTheRegistersFields_IsAnAdminsOrTheDposAction(string role)
    {
        var purpose = $"matrix_{Guid.NewGuid():N}"[..20];
        await app.InScopeAsync(db => Marketing.Consent.SavePurpose.HandleAsync(db, TimeProvider.System, purpose,
            new Marketing.Consent.PurposeInput(new() { ["en"] = "Matrix" }, null, ["email"], new() { ["eu"] = new("consent") }, 30), "test", CancellationToken.None));
        using var session = await SessionAsync(role);

        var response = await session.PostFormAsync($"/compliance/register/{purpose}", "register-entry", new() { ["dpiaReference"] = "DPIA-1" }, tokenFrom: "/");

        var allowed = role is "admin" or "dpo";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? 1 : 0, app.InScope(db => db.RegisterEntries.Count(e => e.PurposeKey == purpose)));
    }

    /// <summary>As <c>POST /api/admin/incidents</c>: every compliance role records a breach (R50); a marketer does not.</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public async Task RecordingAnIncident_IsAComplianceAction(string role)
    {
        using var session = await SessionAsync(role);
        var title = $"matrix {Guid.NewGuid():N}";

        var response = await session.PostFormAsync("/compliance/incidents/new", "incident", new()
        {
            ["title"] = title, ["description"] = "An export sent to the wrong address.", ["awareAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        }, tokenFrom: "/");

        var allowed = role is "admin" or "compliance" or "dpo";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? 1 : 0, app.InScope(db => db.Incidents.Count(i => i.Title == title)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task DashboardActions_AreAnAdminsActions(string role)
    {
        using var session = await SessionAsync(role);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", "no-such-job")]),
        };
        if (role == "admin")
        {
            var (header, token) = Dashboards.AntiforgeryOf(await session.GetPageAsync("/admin/jobs/recurring"));
            post.Headers.Add(header, token);
        }

        var response = await session.Client.SendAsync(post);

        Assert.Equal(role == "admin" ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task AddingAndRemovingASuppression_AreAnAdminsActions(string role)
    {
        using var session = await SessionAsync(role);
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var address = $"matrix.{Guid.NewGuid():N}@example.com";
        var listed = new SuppressionEntry
        {
            Id = Guid.CreateVersion7(), AddressHash = hasher.HashNormalized($"listed.{Guid.NewGuid():N}@example.com"), Channel = "*", Scope = "*",
            Reason = SuppressionReasons.HardBounce, Source = "test", CreatedAt = DateTimeOffset.UtcNow,
        };
        await app.InScopeAsync(async db =>
        {
            db.Suppressions.Add(listed);
            await db.SaveChangesAsync();
        });

        var added = await session.PostFormAsync("/suppression", "add", new() { ["Input.Address"] = address, ["Input.Reason"] = "manual" }, tokenFrom: "/");
        var removed = await session.PostFormAsync("/suppression", $"remove-{listed.Id:N}", new() { ["EntryId"] = listed.Id.ToString() }, tokenFrom: "/");

        var expected = role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, added.StatusCode);
        Assert.Equal(expected, removed.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Suppressions.Count(s => s.AddressHash == hasher.HashNormalized(address))));
        Assert.Equal(role == "admin" ? 0 : 1, app.InScope(db => db.Suppressions.Count(s => s.Id == listed.Id)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ImportingSuppressions_IsAnAdminsAction(string role)
    {
        using var session = await SessionAsync(role);
        var hasher = app.Services.GetRequiredService<AddressHasher>();
        var address = $"imported.{Guid.NewGuid():N}@example.com";

        var response = await session.PostFileAsync("/suppression", "import", "File", "list.csv", $"address\n{address}\n", tokenFrom: "/");

        Assert.Equal(role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Suppressions.Count(s => s.AddressHash == hasher.HashNormalized(address))));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task StartingAnImport_IsAMarketingAction(string role)
    {
        using var session = await SessionAsync(role);
        var source = $"Matrix {Guid.NewGuid():N}";

        var response = await AudiencePagesFacts<TApp>.PostImportAsync(session, "email\nx@example.com\n", new() { ["Input.SourceOrganisation"] = source }, tokenFrom: "/");

        Assert.Equal(role is "admin" or "marketer" ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(role is "admin" or "marketer" ? 1 : 0, app.InScope(db => db.ImportBatches.Count(b => b.SourceOrganisation == source)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CountingSavingAndDeletingASegment_AreMarketingActions(string role)
    {
        using var session = await SessionAsync(role);
        var key = $"matrix-{Guid.NewGuid():N}"[..20];
        var fields = new Dictionary<string, string>
        {
            ["Key"] = key, ["Name"] = "Matrix", ["Channel"] = "email", ["Rule[0].Type"] = "regime", ["Rule[0].Value"] = "fr",
        };

        var counted = await session.PostFormAsync("/people/segments/new", "segment", new(fields) { ["Action"] = "count" }, tokenFrom: "/");
        var live = await session.PostFormAsync($"/people/segments/{key}/count", null, fields, tokenFrom: "/");
        var saved = await session.PostFormAsync("/people/segments/new", "segment", new(fields) { ["Action"] = "save" }, tokenFrom: "/");
        var stored = app.InScope(db => db.Segments.Count(s => s.Key == key));
        await app.InScopeAsync(async db =>
        {
            if (!db.Segments.Any(s => s.Key == key))
            {
                db.Segments.Add(new Marketing.Segments.Segment
                {
                    Id = Guid.CreateVersion7(), Key = key, Name = "Matrix", Definition = "{\"channel\":\"email\",\"conditions\":[{\"type\":\"regime\",\"value\":\"fr\"}]}",
                    CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }
        });
        var deleted = await session.PostFormAsync($"/people/segments/{key}", "delete", new(), tokenFrom: "/");

        var marketing = role is "admin" or "marketer";
        Assert.Equal(marketing ? HttpStatusCode.OK : HttpStatusCode.Forbidden, counted.StatusCode);
        Assert.Equal(marketing ? HttpStatusCode.OK : HttpStatusCode.Forbidden, live.StatusCode);
        Assert.Equal(marketing ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, saved.StatusCode);
        Assert.Equal(marketing ? 1 : 0, stored);
        Assert.Equal(marketing ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Equal(marketing ? 0 : 1, app.InScope(db => db.Segments.Count(s => s.Key == key)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task CreatingAndRevokingAnApiKey_AreAnAdminsActions(string role)
    {
        using var session = await SessionAsync(role);
        var name = $"matrix-{Guid.NewGuid():N}";
        var existing = await app.InScopeAsync(db => CreateApiKey.HandleAsync(db, TimeProvider.System, $"old-{name}", ApiKeyRole.Marketer, "test", CancellationToken.None));

        var created = await session.PostFormAsync("/settings/api-keys", "create", new() { ["Input.Name"] = name, ["Input.Role"] = "marketer" }, tokenFrom: "/");
        var revoked = await session.PostFormAsync("/settings/api-keys", $"revoke-{existing.Id:N}", new() { ["KeyId"] = existing.Id.ToString() }, tokenFrom: "/");

        var expected = role == "admin" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal(expected, created.StatusCode);
        Assert.Equal(expected, revoked.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.ApiKeys.Count(k => k.Name == name)));
        Assert.Equal(role == "admin", app.InScope(db => db.ApiKeys.Single(k => k.Id == existing.Id).RevokedAt is not null));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ManagingWebhooks_IsAnAdminsAction(string role)
    {
        using var session = await SessionAsync(role);
        var added = await app.InScopeAsync(db => Marketing.Webhooks.AddWebhookEndpoint.HandleAsync(db, TimeProvider.System,
            new Marketing.Webhooks.AddWebhookEndpoint.Command($"https://203.0.113.12/{Guid.NewGuid():N}", ["dsr.completed"], null, null), false, "test", CancellationToken.None));
        var id = added.Value.Endpoint.Id;
        var delivery = await app.InScopeAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var webhook = new Marketing.Webhooks.WebhookEvent { Id = Guid.CreateVersion7(), Type = "dsr.completed", DataJson = "{}", OccurredAt = now, FannedOutAt = now };
            var failed = new Marketing.Webhooks.WebhookDelivery
            {
                Id = Guid.CreateVersion7(), EndpointId = id, EventId = webhook.Id, EventType = webhook.Type, Status = "failed", Attempts = 2,
                CreatedAt = now, LastAttemptAt = now, NextAttemptAt = now.AddYears(1),
            };
            db.AddRange(webhook, failed);
            await db.SaveChangesAsync();
            return failed.Id;
        });
        var url = $"https://203.0.113.13/{Guid.NewGuid():N}";
        var path = $"/settings/webhooks/{id}";

        var page = await session.Client.GetAsync(path);
        var created = await session.PostFormAsync("/settings/webhooks", "create", new() { ["Input.Url"] = url, ["Input.EventTypes"] = "dsr.completed" }, tokenFrom: "/");
        var events = await session.PostFormAsync(path, "events", new() { ["EventTypes"] = "consent.granted" }, tokenFrom: "/");
        // Disabled before the replay, so no pass is posting the delivery when the delete comes.
        var disabled = await session.PostFormAsync(path, "switch", new() { ["Switch"] = "disable" }, tokenFrom: "/");
        var replayed = await session.PostFormAsync(path, $"replay-{delivery:N}", new() { ["DeliveryId"] = delivery.ToString() }, tokenFrom: "/");
        var rotated = await session.PostFormAsync(path, "rotate", new(), tokenFrom: "/");
        var after = app.InScope(db => db.WebhookEndpoints.AsNoTracking().Single(e => e.Id == id));
        var replay = app.InScope(db => db.WebhookDeliveries.AsNoTracking().Single(d => d.Id == delivery));
        var deleted = await session.PostFormAsync(path, "delete", new(), tokenFrom: "/");

        var admin = role == "admin";
        var expected = admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.Equal([expected, expected, expected, expected, expected, expected], new[] { page, created, events, disabled, replayed, rotated }.Select(r => r.StatusCode));
        Assert.Equal(admin ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, deleted.StatusCode);
        Assert.Equal(admin ? 1 : 0, app.InScope(db => db.WebhookEndpoints.Count(e => e.Url == url)));
        Assert.Equal(admin ? ["consent.granted"] : ["dsr.completed"], after.EventTypes);
        Assert.Equal(!admin, after.Enabled);
        Assert.Equal(admin, after.Secret != added.Value.Secret);
        Assert.Equal(admin ? "pending" : "failed", replay.Status);
        Assert.Equal(admin ? 0 : 1, app.InScope(db => db.WebhookEndpoints.Count(e => e.Id == id)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task RestrictingLiftingAndRecordingAnObjection_AreComplianceActions(string role)
    {
        var person = await PeopleData.PersonWithHistoryAsync(app);
        using var session = await SessionAsync(role);
        var page = $"/people/{person.Id}/restriction";

        var opened = await session.Client.GetAsync(page);
        var restricted = await session.PostFormAsync(page, "restrict", new() { ["RestrictInput.Reason"] = "accuracy contested" }, tokenFrom: "/");
        var wasRestricted = app.InScope(db => db.People.Single(p => p.Id == person.Id).RestrictedAt is not null);
        var lifted = await session.PostFormAsync(page, "lift", new() { ["LiftInput.Reason"] = "checked" }, tokenFrom: "/");
        var objected = await session.PostFormAsync(page, "object", new() { ["ObjectInput.Scope"] = "all_marketing", ["ObjectInput.Via"] = "phone" }, tokenFrom: "/");

        var allowed = role is "admin" or "compliance" or "dpo";
        // A done post redirects to the page with its notice.
        var done = allowed ? HttpStatusCode.Found : HttpStatusCode.Forbidden;
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, opened.StatusCode);
        Assert.Equal((done, done, done), (restricted.StatusCode, lifted.StatusCode, objected.StatusCode));
        Assert.Equal(allowed, wasRestricted);
        Assert.Null(app.InScope(db => db.People.Single(p => p.Id == person.Id).RestrictedAt));
        Assert.Equal(allowed, app.InScope(db => db.ConsentEvents.Any(e => e.PersonId == person.Id && e.Status == "objected")));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task VerifyingTheLedger_IsAComplianceAction(string role)
    {
        using var session = await SessionAsync(role);
        var before = app.InScope(db => db.AuditEntries.Count(a => a.Action == "ledger.verified"));

        var response = await session.PostFormAsync("/compliance", "verify", [], tokenFrom: "/");

        var allowed = role is "admin" or "compliance" or "dpo";
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? before + 1 : before, app.InScope(db => db.AuditEntries.Count(a => a.Action == "ledger.verified")));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task SitesAndFormPages_AreForMarketingRoles_AndSavingASiteIsAnAdminsAction(string role)
    {
        var scenario = await Capture.CaptureScenario.CreateAsync(app);
        using var session = await SessionAsync(role);
        var designer = $"/sites/{scenario.Site}/forms/{scenario.Form}";
        var marketing = role is "admin" or "marketer";

        foreach (var path in new[] { $"/sites/{scenario.Site}", designer, $"{designer}/versions/1", $"{designer}/preview" })
        {
            var page = await session.Client.GetAsync(path);
            Assert.True((marketing ? HttpStatusCode.OK : HttpStatusCode.Forbidden) == page.StatusCode, $"{role} GET {path}: {(int)page.StatusCode}");
        }

        var site = await session.PostFormAsync($"/sites/{scenario.Site}", "edit-site",
            new() { ["Edit.Name"] = $"Renamed by {role}", ["Edit.Origins"] = "https://www.acme.example" }, tokenFrom: "/");
        var draft = await session.PostFormAsync(designer, "design", new()
        {
            ["Action"] = "save", ["Design.Name"] = $"Saved by {role}", ["Design.Locales"] = "en", ["Design.Region"] = "FR",
            ["Design.Success[en]"] = "Thanks", ["Design.Fields[0].Name"] = "email", ["Design.Fields[0].Type"] = "email", ["Design.Fields[0].Label[en]"] = "Email",
        }, tokenFrom: "/");

        Assert.Equal(role == "admin" ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, site.StatusCode);
        Assert.Equal(marketing ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, draft.StatusCode);
        Assert.Equal(role == "admin" ? "Renamed by admin" : "Acme", app.InScope(db => db.Sites.Single(s => s.Id == scenario.Site).Name));
        Assert.Equal(marketing ? $"Saved by {role}" : "Newsletter", app.InScope(db => db.Forms.Single(f => f.Id == scenario.Form).Draft.Name));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EditingAndPreviewingABanner_AreMarketingActions(string role)
    {
        var site = await BannerPagesData.SiteWithDraftAsync(app);
        using var session = await SessionAsync(role);

        var saved = await session.PostFormAsync($"/banners/{site}", "category-new", new()
        {
            ["key"] = "ads", ["name.en"] = "Ads", ["name.fr"] = "Publicité", ["description.en"] = "Shows ads", ["description.fr"] = "Montre des publicités", ["op"] = "save",
        }, tokenFrom: "/");
        var preview = await session.Client.GetAsync($"/banners/{site}/preview?locale=en");
        var published = await session.PostFormAsync($"/banners/{site}", "publish", [], tokenFrom: "/");

        var allowed = role is "admin" or "marketer";
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, saved.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, preview.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, published.StatusCode);
        Assert.Equal(allowed ? 3 : 2, app.InScope(db => db.Banners.Single(b => b.SiteId == site)).Draft.Categories!.Count);
        Assert.Equal(allowed ? 1 : 0, app.InScope(db => db.BannerVersions.Count(v => v.SiteId == site)));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task PreviewingWhatIsTyped_IsAMarketingAction_AndStoresNothing(string role)
    {
        var scenario = await Capture.CaptureScenario.CreateAsync(app);
        var site = await BannerPagesData.SiteWithDraftAsync(app);
        using var session = await SessionAsync(role);
        var bannerSaved = app.InScope(db => db.Banners.Single(b => b.SiteId == site).UpdatedAt);
        var formSaved = app.InScope(db => db.Forms.Single(f => f.Id == scenario.Form).UpdatedAt);

        var form = await session.PostFormAsync($"/sites/{scenario.Site}/forms/{scenario.Form}/preview?locale=en", "design", new()
        {
            ["Design.Name"] = "Typed", ["Design.Locales"] = "en", ["Design.Fields[0].Name"] = "email", ["Design.Fields[0].Type"] = "email",
            ["Design.Fields[0].Label[en]"] = $"Typed by {role}",
        }, tokenFrom: "/");
        var banner = await session.PostFormAsync($"/banners/{site}/preview?locale=en", "texts-en",
            new() { ["locale"] = "en", ["text.title"] = $"Typed by {role}" }, tokenFrom: "/");

        var allowed = role is "admin" or "marketer";
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, banner.StatusCode);
        if (allowed)
        {
            Assert.Contains($"\"label\":\"Typed by {role}\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains($"\"title\":\"Typed by {role}\"", await banner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(bannerSaved, app.InScope(db => db.Banners.Single(b => b.SiteId == site).UpdatedAt));
        Assert.Equal(formSaved, app.InScope(db => db.Forms.Single(f => f.Id == scenario.Form).UpdatedAt));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ASequence_IsReadByEveryRole_AndChangedByMarketersAndAdminsOnly(string role)
    {
        var flow = await SequenceData.PublishedWithPeopleAsync(app);
        using var session = await SessionAsync(role);
        var path = $"/sequences/{flow.Key}";
        var mayChange = role is "admin" or "marketer";

        var builder = await session.Client.GetAsync(path);
        var versions = await session.Client.GetAsync($"{path}/versions?from=1&to=1");
        var created = await session.PostFormAsync("/sequences", "create", new() { ["New.Key"] = $"made-by-{role}-{SequenceData.Token()}" }, tokenFrom: "/");
        var added = await session.PostFormAsync(path, "add", new() { ["AddType"] = "exit" }, tokenFrom: "/");
        var moved = await session.PostFormAsync(path, "move-4", new() { ["Index"] = "3", ["StepRef"] = "done", ["To"] = "0" }, tokenFrom: "/");
        var published = await session.PostFormAsync(path, "publish", [], tokenFrom: "/");
        var paused = await session.PostFormAsync(path, "pause", [], tokenFrom: "/");

        Assert.Equal(HttpStatusCode.OK, builder.StatusCode);
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        var expected = mayChange ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden;
        Assert.Equal([expected, expected, expected, expected, expected],
            new[] { created, added, moved, published, paused }.Select(r => r.StatusCode));
        var sequence = app.InScope(db => db.Sequences.Single(s => s.Key == flow.Key));
        Assert.Equal(mayChange ? "done mail pause check exit-1" : "mail pause check done", string.Join(" ", sequence.Draft.Steps!.Select(s => s.Id)));
        Assert.Equal(mayChange ? (2, "paused") : (1, "active"), (sequence.LatestVersion, sequence.Status));
        Assert.Equal(mayChange ? 1 : 0, app.InScope(db => db.Sequences.Count(s => s.Key.StartsWith($"made-by-{role}-"))));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ChangingPurposesAndNotices_IsAnAdminsAction(string role)
    {
        var key = $"n_{Guid.NewGuid():N}"[..20];
        using var session = await SessionAsync(role);

        var notice = await session.PostFormAsync("/purposes/edit", "notice-new", new() { ["key"] = key, ["kind"] = "consent" }, tokenFrom: "/");
        var purpose = await session.PostFormAsync("/purposes/edit", "purpose-new",
            new() { ["key"] = key, ["name.en"] = "News", ["channel.email"] = "true", ["basis.fr"] = "consent", ["retentionDays"] = "365" }, tokenFrom: "/");

        var expected = role == "admin" ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden;
        Assert.Equal(expected, notice.StatusCode);
        Assert.Equal(expected, purpose.StatusCode);
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Notices.Count(n => n.Key == key)));
        Assert.Equal(role == "admin" ? 1 : 0, app.InScope(db => db.Purposes.Count(p => p.Key == key)));
    }

    [Fact]
    public async Task Actions_SendTheSignedOut_ToSignIn_AndChangeNothing()
    {
        var target = await WebUsers.CreateAsync(app, ApiKeyRole.Marketer);
        using var session = WebSession.Anonymous(app);
        var token = await session.TokenAsync("/account/sign-in");

        var invite = await session.Client.PostAsync("/settings/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = $"status-{target.Id:N}", ["UserId"] = target.Id.ToString(), ["Status"] = "disable",
        }));
        var dashboard = await session.Client.PostAsync("/admin/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "x")]));

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        Assert.StartsWith("/account/sign-in", invite.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Null(app.InScope(db => db.Users.Single(u => u.Id == target.Id).DisabledAt));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task ReportPages_AndTheirFiles_AreForMarketersAndAdmins(string role)
    {
        var seeded = await Reports.GetOrAdd(app, _ => Marketing.Server.Tests.Reports.ReportData.SeedAsync(app));
        using var session = await SessionAsync(role);
        string[] paths =
        [
            $"/reports/sequences/{seeded.SequenceKey}", $"/reports/forms/{seeded.FormId}?from=2026-11-01&to=2026-11-03",
            $"/reports/purposes/{seeded.PurposeKey}", $"/reports/sequences/{seeded.SequenceKey}/csv",
            $"/reports/forms/{seeded.FormId}/csv", $"/reports/purposes/{seeded.PurposeKey}/csv?from=2026-11-01",
        ];

        foreach (var path in paths)
        {
            var response = await session.Client.GetAsync(path);

            var expected = role is "admin" or "marketer" ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} GET {path}: {(int)response.StatusCode}, expected {(int)expected}");
        }
    }

    private static readonly ConcurrentDictionary<MarketingApp, Task<Marketing.Server.Tests.Reports.ReportData.Seeded>> Reports = new();

    [Fact]
    public async Task ApiKey_OpensNoPage_AndTheSessionOpensNoApiRoute()
    {
        using var keyed = WebSession.Anonymous(app);
        keyed.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.CreateKeyAsync(ApiKeyRole.Admin));
        using var session = await SessionAsync("admin");

        var page = await keyed.Client.GetAsync("/settings/users");
        var api = await session.Client.GetAsync("/api/admin/keys");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    private async Task<WebSession> SessionAsync(string role)
    {
        Assert.True(ApiKeyRoles.TryParse(role, out var parsed));
        var user = Users.GetOrAdd((app, parsed), _ => WebUsers.CreateAsync(app, parsed).GetAwaiter().GetResult());
        return await WebSession.SignInAsync(app, user);
    }
}

public sealed class RoleMatrixFacts_OnSqlite(SqliteApp app) : RoleMatrixFacts<SqliteApp>(app);

public sealed class RoleMatrixFacts_OnPostgres(PostgresApp app) : RoleMatrixFacts<PostgresApp>(app);
