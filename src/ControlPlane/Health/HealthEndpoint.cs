using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MedVid.ControlPlane.Health;

public static class HealthEndpoint
{
    public static readonly string[] Checks = ["database", "bus", "blobs"];

    /// <summary>/health: JSON with the overall status and one entry per dependency; 503 when any is unhealthy.</summary>
    public static IEndpointConventionBuilder MapMedVidHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = check => Checks.Contains(check.Name),
            ResponseWriter = WriteAsync,
        });

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
