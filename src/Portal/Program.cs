using MedVid.ControlPlane.Hosting;
using MedVid.ControlPlane.Identity;
using MedVid.Portal.Components;
using MedVid.Portal.Services;

// The portal: static server-rendered Razor components over the same grains as the API (docs/portal.md). With
// ControlPlane:EmbeddedComputeHost it is also the whole embedded platform in one process (API, scheduler, compute
// host), which is what `./medvid up` runs.
var builder = WebApplication.CreateBuilder(args);
builder.AddMedVidControlPlane();
builder.AddPortalSignIn();
builder.Services.AddRazorComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<PortalSession>();

var app = builder.Build();
app.MapMedVidApi();
app.UseCookieApiCsrfProtection();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapRazorComponents<App>();
app.Run();

public partial class Program;
