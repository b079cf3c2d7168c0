using MedVid.ControlPlane.Hosting;

// An Orleans silo with the control plane: grains, /api/v1 and bus consumers. Replicas form one cluster (docs/architecture.md).
var builder = WebApplication.CreateBuilder(args);
builder.AddMedVidControlPlane();

var app = builder.Build();
app.MapMedVidApi();
app.Run();

public partial class Program;
