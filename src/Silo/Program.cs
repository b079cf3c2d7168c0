using MedVid.ControlPlane.Hosting;

// The control plane: grains, /api/v1, bus consumers and the host monitor. Several replicas may run over one database.
var builder = WebApplication.CreateBuilder(args);
builder.AddMedVidControlPlane();

var app = builder.Build();
app.MapMedVidApi();
app.Run();

public partial class Program;
