using Marketing.Server.Nurture;
using Hangfire;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.ApiDescription;
using Marketing.Server.Capture;
using Marketing.Server.Compliance;
using Marketing.Server.Consent;
using Marketing.Server.Reports;
using Marketing.Server.Segments;
using Marketing.Server.Broadcasts;
using Marketing.Server.Leads;
using Marketing.Server.Diagnostics;
using Marketing.Server.Channels.Email;
using Marketing.Server.Sending;
using Marketing.Server.Channels.Sms;
using Marketing.Server.Suppression;
using Marketing.Server.Templates;
using Marketing.Server.Health;
using Marketing.Server.Jobs;
using Marketing.Server.PublicEndpoints;
using Marketing.Server.Sites;
using Marketing.Server.Web;
using Marketing.Server.Webhooks;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace Marketing.Server.Hosting;

/// <summary>The one program: HTTP (public, admin, health, jobs dashboard) and the Hangfire server in one process.</summary>
public static class MarketingHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The web app's files (its stylesheet and modules, blazor.web.js) are served from where the build left them in
        // every environment, as `./marketing` runs the build; a published copy has them in wwwroot and no manifest.
        builder.WebHost.UseStaticWebAssets();
        // The engine may be started from any directory (`dotnet run`, a container, a service unit): read the
        // appsettings.json shipped beside the binary first, so that the working directory's own file and the
        // environment still override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
        });
        return builder;
    }

    public static async Task<WebApplication> BuildAsync(string[] args, CancellationToken ct = default)
    {
        var builder = CreateBuilder(args);
        var settings = ResolvedSettings.Load(builder.Configuration, Directory.GetCurrentDirectory());
        // Before the container is built, so that a bad database stops the start with one line instead of
        // failing later inside a hosted service.
        await DatabasePreparation.PrepareForServingAsync(settings, ct);
        var keyEncryption = KeyEncryptionKeys.Load(settings);
        await using (var db = DatabasePreparation.OpenContext(settings))
        {
            await DatabaseXmlRepository.WrapStoredKeysAsync(db, keyEncryption, ct);
            await ChannelProcessorCheck.RequireAsync(db, settings, ct);
        }

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(settings.Raw.Dpo.ToContact());
        services.TryAddSingleton(TimeProvider.System);
        // Pooled: a context per request is cheap to hand out again instead of built each time.
        services.AddDbContextPool<MarketingDbContext>((provider, o) => o.UseMarketingDatabase(settings.Provider, settings.ConnectionString)
            .AddInterceptors(provider.GetRequiredService<WebhookOutboxInterceptor>()));
        services.AddErrorResponses();
        services.AddInputPolicy();
        DatabaseXmlRepository.AddSharedDataProtection(services, keyEncryption);
        services.AddAdminAccess();
        services.AddSingleton<GuessLimits>();
        services.AddPublicApi(settings);
        services.AddPublicCompression();
        services.AddWidgetFiles();
        services.AddCapture(settings);
        services.AddSingleton<PublishedBanners>();
        services.AddSending(settings);
        services.AddEmail(settings);
        services.AddNurture(settings);
        services.AddSms(settings);
        services.AddJobs(settings);
        services.AddWebhooks(settings);
        services.AddErasure(settings);
        services.AddWebApp(settings);
        services.AddApiDescription();
        services.AddDashboardAntiforgery();
        services.AddHealth();
        services.AddObservability(settings);

        var app = builder.Build();
        app.UseTrustedProxies(settings);
        app.UseAuditOrigin();
        app.UseSecurityHeaders();
        app.UseWebPages();
        app.UseApiReferencePolicy();
        app.UseExceptionHandler();
        app.UseStatusCodePages(WebErrors.StatusCodePageAsync);
        app.UseGuessLimits();
        app.UsePublicCompression();
        app.UseWidgetFiles();
        app.UseWebFiles();
        app.UseRouting();
        app.UseCors();
        app.UsePublicBodyLimit(settings);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDashboardGuard();
        app.UseInputPolicy();
        app.UseWebForms();

        app.MapHealth();
        app.MapMetrics(settings);
        app.MapGroup("/api/admin")
            .RequireAuthorization(AccessPolicies.AnyKey)
            .MapAccess()
            .MapSitesAdmin()
            .MapConsentAdmin()
            .MapFormsAdmin()
            .MapBannersAdmin()
            .MapPeopleAdmin()
            .MapImportsAdmin()
            .MapComplianceAdmin()
            .MapRequestsAdmin()
            .MapAuditAdmin()
            .MapErasureAdmin()
            .MapProcessorsAdmin()
            .MapIncidentsAdmin()
            .MapRestrictionAdmin()
            .MapSuppressionAdmin()
            .MapHygieneAdmin()
            .MapSendingDomainsAdmin()
            .MapSendsAdmin()
            .MapTemplatesAdmin()
            .MapNurtureAdmin()
            .MapWebhooksAdmin()
            .MapSegmentsAdmin()
            .MapReportsAdmin()
            .MapBroadcastsAdmin()
            .MapDiagnostics();
        app.MapEmailPages();
        Marketing.Server.Leads.Art14Pages.MapArt14Pages(app);
        app.MapRequestPages();
        app.MapEmailEvents();
        app.MapSmsWebhooks();
        app.MapPublicApi()
            .MapSitesPublic()
            .MapCapturePublic()
            .MapCookieConsentPublic()
            .MapRequestsPublic();
        app.MapHangfireDashboard(JobsSetup.DashboardPath, new DashboardOptions
        {
            // Access is decided by the endpoint's policy below; Hangfire's default allows local requests only.
            Authorization = [],
            AsyncAuthorization = [],
            DashboardTitle = "Marketing jobs",
            DisplayStorageConnectionString = false,
            AppPath = null,
        }).WithName("JobsDashboard").WithTags("Jobs").RequireAuthorization(WebPolicies.Admin).AcceptsBody("application/x-www-form-urlencoded");
        app.MapWebApp();
        app.MapApiDescription();
        return app;
    }
}
