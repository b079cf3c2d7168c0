using MedVid.ControlPlane.Hosting;
using MedVid.Compute.Hosting;
using MedVid.ControlPlane.Identity;
using MedVid.Portal.Components;
using MedVid.Portal.Services;

// The portal: static server-rendered Razor components over the same grains as the API (docs/portal.md). Distributed,
// it is an Orleans client of the silos (GrainCluster:Role=client). With ControlPlane:EmbeddedComputeHost it co-hosts
// the silo and a compute host: the whole embedded platform in one process, which is what `./medvid up` runs.
var builder = WebApplication.CreateBuilder(args);
builder.AddMedVidControlPlane(ComputeHostServiceCollectionExtensions.AddComputeHost);
builder.AddPortalSignIn();
builder.Services.AddRazorComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<PortalSession>();

var app = builder.Build();
// Pages answering 404 with no body get the /not-found page (a browser shows its own error page otherwise); API paths
// keep their problem-details bodies. Before routing, so the re-executed request is routed again.
app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"),
    pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseRouting();
app.MapMedVidApi();
app.UseCookieApiCsrfProtection();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapRazorComponents<App>();
app.Run();

public partial class Program;
