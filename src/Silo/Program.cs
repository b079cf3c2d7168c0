using MedVid.ControlPlane.Hosting;
using MedVid.Compute.Hosting;

// An Orleans silo with the control plane: grains, /api/v1 and bus consumers. Replicas form one cluster (docs/architecture.md).
// It can also embed a compute host (ControlPlane:EmbeddedComputeHost), as the functional and CLI tests run it.
var builder = WebApplication.CreateBuilder(args);
builder.AddMedVidControlPlane(ComputeHostServiceCollectionExtensions.AddComputeHost);

var app = builder.Build();
app.MapMedVidApi();
app.Run();

public partial class Program;
