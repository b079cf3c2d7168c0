using MedVid.Compute.Hosting;
using MedVid.Messaging;
using MedVid.Storage.DependencyInjection;

// A compute host: announces its capacity, runs the work items the scheduler addresses to it, writes artifacts to blob storage.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddBlobStore(builder.Configuration);
var role = builder.Services.AddComputeHost(builder.Configuration);
builder.Services.AddMedVidBus(builder.Configuration, role);
builder.Build().Run();
