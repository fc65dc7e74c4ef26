using Marketing.Access;
using Marketing.Data;
using Marketing.Server.Access;
using Marketing.Server.Capture;
using Marketing.Server.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http.Metadata;
using Marketing.Server.Compliance;
using Microsoft.AspNetCore.Identity;
using Marketing.Server.Templates;
using Marketing.Server.Reports;

namespace Marketing.Server.Web;

/// <summary>
/// The signed-in web app (ADR 9): server-rendered Razor components, ASP.NET Core Identity on the engine's context,
/// the session cookie, the pages' policies and security headers, and the language of each request.
/// </summary>
public static class WebSetup
{
    public const string SignInPath = "/account/sign-in";
    public const string EnrolPath = "/account/security";
    public const string SessionCookie = "mk_session";

    public static IServiceCollection AddWebApp(this IServiceCollection services, ResolvedSettings settings)
    {
        services.AddSingleton(settings.Raw.Web);
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddScoped<UiLanguage>();

        services.AddIdentityCore<User>(options =>
            {
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                // Length, not composition (NIST SP 800-63B): twelve characters at least, any characters.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<MarketingDbContext>()
            .AddSignInManager<MarketingSignInManager>()
            .AddClaimsPrincipalFactory<UserClaims>()
            .AddDefaultTokenProviders();
        services.AddScoped(provider => (MarketingSignInManager)provider.GetRequiredService<SignInManager<User>>());
        services.Configure<IdentityPasskeyOptions>(options =>
        {
            // The relying party is the public address's host when one is configured (a node behind a proxy sees another).
            if (Uri.TryCreate(settings.Raw.PublicBaseUrl, UriKind.Absolute, out var publicUrl) && !publicUrl.IsLoopback)
            {
                options.ServerDomain = publicUrl.Host;
            }
        });

        var authentication = services.AddAuthentication(options =>
        {
            // Pages read the session; the admin API's policies name the key scheme and never see the cookie.
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        authentication.AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie?.Configure(Session);
            cookies.TwoFactorUserIdCookie?.Configure(o => Strict(o, "mk_2fa"));
            cookies.ExternalCookie?.Configure(o =>
            {
                o.Cookie.Name = "mk_external";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                // The provider's callback is a cross-site navigation: a Strict cookie would not come back with it.
                o.Cookie.SameSite = SameSiteMode.Lax;
            });
        });
        OidcSignIn.Add(authentication, settings.Raw.Web.Oidc);
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            // A role change or a disabled account ends the session at its next request, on every node.
            options.ValidationInterval = TimeSpan.Zero;
            options.OnRefreshingPrincipal = context =>
            {
                // How the session was opened stays true when its claims are read again.
                foreach (var method in context.CurrentPrincipal?.FindAll(SignInMethods.ClaimType) ?? [])
                {
                    context.NewPrincipal?.Identities.First().AddClaim(new System.Security.Claims.Claim(SignInMethods.ClaimType, method.Value));
                }

                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddWebPolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SecondFactor>();
        return services;
    }

    private static void Session(CookieAuthenticationOptions options)
    {
        Strict(options, SessionCookie);
        options.LoginPath = SignInPath;
        options.LogoutPath = "/account/sign-out";
        options.AccessDeniedPath = "/account/denied";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnRedirectToAccessDenied = context =>
        {
            // A role that needs a second factor, signed in without one: enrol it first (ADR 9). Anyone else: 403.
            if (SecondFactor.IsMissing(context.HttpContext.User))
            {
                context.Response.Redirect(EnrolPath);
                return Task.CompletedTask;
            }

            return WebErrors.ForbiddenAsync(context.HttpContext);
        };
    }

    private static void Strict(CookieAuthenticationOptions options, string name)
    {
        options.Cookie.Name = name;
        options.Cookie.HttpOnly = true;
        // Chromium and Firefox keep Secure cookies on http://localhost, the quickstart's address, too.
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Strict;
    }

    /// <summary>
    /// Early, before authentication: a 403 or 404 page written there is in the reader's language and under the app's
    /// policy too.
    /// </summary>
    public static IApplicationBuilder UseWebPages(this IApplicationBuilder app)
    {
        app.UseMiddleware<UiLanguage.Middleware>();
        app.UseWebSecurity();
        return app;
    }

    /// <summary>
    /// After authorisation and the input policy: the antiforgery check reads the form the policy has checked, then each
    /// page's <see cref="PostPolicyAttribute"/> refuses a post by a role that may not send that form.
    /// </summary>
    public static IApplicationBuilder UseWebForms(this IApplicationBuilder app) =>
        app.UseAntiforgery().UseMiddleware<PostPolicyAttribute.Middleware>();

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.MapLanguageSwitch();
        app.MapAccountEndpoints();
        app.MapWebProofExport();
        app.MapWebRequestDownloads();
        app.MapWebAuditExport();
        app.MapWebRegisterExport();
        app.MapWebIncidentExport();
        app.MapWebRestrictionExports();
        app.MapWebReportFiles();
        app.MapFormPreview();
        app.MapTemplatePages();
        Leads.ImportPageEndpoints.MapImportPages(app);
        Segments.SegmentPageEndpoints.MapSegmentPages(app);
        Consent.BannerPreviewEndpoints.MapBannerPreview(app);
        app.MapRazorComponents<App>()
            // Pages post plain HTML forms (enhanced by blazor.web.js, or not): the input policy reads them like any form.
            .WithMetadata(new AcceptsMetadata(["application/x-www-form-urlencoded", "multipart/form-data"]));
        return app;
    }
}
