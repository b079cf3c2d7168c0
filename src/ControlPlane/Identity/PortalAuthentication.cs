using MedVid.ControlPlane.Errors;
using MedVid.Grains.Abstractions;
using Orleans;
using MedVid.Grains.Teams;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.ControlPlane.Identity;

/// <summary>
/// Sign-in for the portal: a cookie scheme next to the API's bearer tokens. A selector scheme becomes the default:
/// requests with "Authorization: Bearer" use tokens exactly as before, requests carrying the portal cookie use it
/// (pages and the portal's own fetch() calls to /api/v1), and anonymous API calls still get the token handler's 401.
/// </summary>
public static class PortalAuthentication
{
    public const string CookieScheme = "PortalCookie";
    public const string SelectorScheme = "MedVid";
    public const string CookieName = "medvid.portal";

    /// <summary>The header a cookie-authenticated API call that changes state must carry (an antiforgery request token).</summary>
    public const string CsrfHeader = "X-CSRF-TOKEN";

    public const string SignInPath = "/signin";
    public const string ForbiddenPath = "/forbidden";

    public static WebApplicationBuilder AddPortalSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery(o => o.HeaderName = CsrfHeader);
        builder.Services.AddAuthentication(o => o.DefaultScheme = SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Bearer token or portal cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Strict: no cross-site request ever carries the session, the first line against CSRF (the header check is the second).
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = ForbiddenPath;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = RefreshRoleAsync,
                    OnRedirectToLogin = c => ApiAware(c, StatusCodes.Status401Unauthorized, "Sign in again: the portal session has expired."),
                    OnRedirectToAccessDenied = c => ApiAware(c, StatusCodes.Status403Forbidden, "Your role in this team does not allow this."),
                };
            });
        return builder;
    }

    /// <summary>
    /// Refuses cookie-authenticated API calls that change state unless they carry a valid antiforgery token in
    /// <see cref="CsrfHeader"/>. Bearer-token calls are exempt: a browser never attaches a token on its own.
    /// Must run after authentication.
    /// </summary>
    public static WebApplication UseCookieApiCsrfProtection(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (NeedsCsrfCheck(context) && !await HasValidCsrfTokenAsync(context))
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                    $"A portal request that changes state must carry the page's antiforgery token in the {CsrfHeader} header.");
                return;
            }
            await next(context);
        });
        return app;
    }

    /// <summary>Signs the user in to one of their teams (the team and the role live in the cookie's claims).</summary>
    public static Task SignInAsync(HttpContext context, Guid userId, string userName, Guid teamId, TeamRole role, bool platformAdmin) =>
        context.SignInAsync(CookieScheme, Caller.Principal(userId, userName, teamId, role, null, platformAdmin, CookieScheme),
            new AuthenticationProperties { IsPersistent = false });

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(CookieScheme);

    private static string SelectScheme(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return ApiTokenAuthenticationHandler.SchemeName;
        if (context.Request.Cookies.ContainsKey(CookieName)) return CookieScheme;
        // Anonymous API calls keep the token handler's 401 (which tells how to get a token); anonymous pages go to sign-in.
        return IsApi(context) ? ApiTokenAuthenticationHandler.SchemeName : CookieScheme;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static bool NeedsCsrfCheck(HttpContext context) =>
        IsApi(context)
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme };

    private static async Task<bool> HasValidCsrfTokenAsync(HttpContext context)
    {
        // Checked before asking the antiforgery service, which would otherwise read a form body (e.g. a large upload) to look for a field.
        if (string.IsNullOrEmpty(context.Request.Headers[CsrfHeader])) return false;
        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }

    /// <summary>API paths answer 401/403 as problem JSON (a fetch() must not follow a redirect to an HTML page); pages redirect.</summary>
    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        if (!IsApi(context.HttpContext))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        return Problems.WriteAsync(context.HttpContext, status, status == 401 ? "Unauthorized" : "Forbidden", detail);
    }

    /// <summary>
    /// The role is read from the Team grain (and the platform-admin flag from the user) on every request, as for API
    /// tokens, so removing a member or changing their role takes effect at once; a change renews the cookie.
    /// </summary>
    private static async Task RefreshRoleAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null) return;
        Caller caller;
        try
        {
            caller = Caller.From(context.Principal);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            await Reject(context);
            return;
        }
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var role = await grains.GetGrain<ITeamGrain>(caller.TeamId).GetRoleAsync(caller.UserId);
        if (role is null)
        {
            await Reject(context);
            return;
        }
        var platformAdmin = await context.HttpContext.RequestServices.GetRequiredService<IdentityService>().IsPlatformAdminAsync(caller.UserId);
        if (role != caller.Role || platformAdmin != caller.IsPlatformAdmin)
        {
            context.ReplacePrincipal(Caller.Principal(caller.UserId, caller.UserName, caller.TeamId, role.Value, null, platformAdmin, CookieScheme));
            context.ShouldRenew = true;
        }
    }

    private static Task Reject(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        return context.HttpContext.SignOutAsync(CookieScheme);
    }
}
