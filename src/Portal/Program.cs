using MedVid.ControlPlane.Hosting;
using MedVid.Portal.Components;

// The portal: Blazor Server over the same grains as the API. With ControlPlane:EmbeddedComputeHost it is also the whole
// embedded platform in one process (API, scheduler, compute host), which is what `./medvid up` runs.
var builder = WebApplication.CreateBuilder(args);
builder.AddMedVidControlPlane();
builder.Services.AddRazorComponents();

var app = builder.Build();
app.MapMedVidApi();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>();
app.Run();

public partial class Program;
