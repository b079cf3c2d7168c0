using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace MedVid.Platform.FunctionalTests;

/// <summary>
/// Who may call what: every endpoint the app maps is looked up in one table of the least access it needs, and called
/// by each kind of caller. Anonymous callers below it get 401, signed-in ones 403, the others anything but 401/403
/// (ids are made up, so allowed calls mostly answer 404 or 400). An endpoint missing from the table fails the test,
/// so a new endpoint cannot ship without deciding who may call it.
/// </summary>
public sealed class EndpointAccessTests(EndpointAccessTests.App app) : IClassFixture<EndpointAccessTests.App>
{
    /// <summary>The least access an endpoint needs, in increasing order; each caller below has the access of its name.</summary>
    public enum Access { Anonymous, Rater, Researcher, Admin, PlatformAdmin }

    /// <summary>A team admin who is not a platform admin, a researcher and a rater, all in the bootstrap team.</summary>
    public sealed class App : SqliteApp
    {
        public const string Password = "access-password-1";

        protected override async Task SeedAsync()
        {
            foreach (var (user, role) in new[] { ("access-rater", "rater"), ("access-researcher", "researcher"), ("access-admin", "admin") })
                (await Admin.PutJsonAsync("/api/v1/teams/current/members", new { userName = user, role, password = Password })).EnsureSuccessStatusCode();
        }
    }

    private const string Login = $$"""{"userName":"{{MedVidApp.AdminUser}}","password":"{{MedVidApp.AdminPassword}}"}""";

    /// <summary>Method and route pattern → least access, and the body to send when "{}" would not do.</summary>
    private static readonly Dictionary<string, (Access Access, string? Body)> Table = new()
    {
        ["* /health"] = (Access.Anonymous, null), // mapped for every method
        ["GET /openapi/{documentName}.json"] = (Access.Anonymous, null),
        ["POST /api/v1/auth/tokens"] = (Access.Anonymous, Login),
        ["GET /api/v1/auth/me"] = (Access.Rater, null),
        ["DELETE /api/v1/auth/tokens/current"] = (Access.Rater, null),

        ["GET /api/v1/teams/"] = (Access.Rater, null),
        ["POST /api/v1/teams/"] = (Access.PlatformAdmin, null),
        ["GET /api/v1/teams/current"] = (Access.Rater, null),
        ["PUT /api/v1/teams/current/members"] = (Access.Admin, null),
        ["DELETE /api/v1/teams/current/members/{userId:guid}"] = (Access.Admin, null),
        ["PUT /api/v1/teams/{id:guid}/gpu-quota"] = (Access.PlatformAdmin, null),

        ["GET /api/v1/datasets/"] = (Access.Researcher, null),
        ["POST /api/v1/datasets/"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/datasets/{id:guid}/labels"] = (Access.Researcher, null),
        ["POST /api/v1/datasets/{id:guid}/videos"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}/videos"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}/videos/{videoId:guid}"] = (Access.Researcher, null),
        ["DELETE /api/v1/datasets/{id:guid}/videos/{videoId:guid}"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}/videos/{videoId:guid}/{media:regex(^(original|proxy|poster)$)}"] = (Access.Researcher, null),
        ["HEAD /api/v1/datasets/{id:guid}/videos/{videoId:guid}/{media:regex(^(original|proxy|poster)$)}"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/curation-presets"] = (Access.Researcher, null),
        ["POST /api/v1/datasets/{id:guid}/curations"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}/curations"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}/curations/{curationId:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/datasets/{id:guid}/curations/{curationId:guid}/cancel"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}/versions/{number:int}"] = (Access.Researcher, null),
        ["GET /api/v1/datasets/{id:guid}/versions/{number:int}/{file:regex(^(manifest|statistics)$)}"] = (Access.Researcher, null),
        ["HEAD /api/v1/datasets/{id:guid}/versions/{number:int}/{file:regex(^(manifest|statistics)$)}"] = (Access.Researcher, null),

        ["GET /api/v1/training-runs/"] = (Access.Researcher, null),
        ["POST /api/v1/training-runs/"] = (Access.Researcher, null),
        ["GET /api/v1/training-runs/{id:guid}"] = (Access.Researcher, null),
        ["GET /api/v1/training-runs/{id:guid}/metrics"] = (Access.Researcher, null),
        ["POST /api/v1/training-runs/{id:guid}/cancel"] = (Access.Researcher, null),
        ["GET /api/v1/generation-jobs/"] = (Access.Researcher, null),
        ["POST /api/v1/generation-jobs/"] = (Access.Researcher, null),
        ["GET /api/v1/generation-jobs/{id:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/generation-jobs/{id:guid}/cancel"] = (Access.Researcher, null),
        ["GET /api/v1/evaluations/"] = (Access.Researcher, null),
        ["POST /api/v1/evaluations/"] = (Access.Researcher, null),
        ["GET /api/v1/evaluations/{id:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/evaluations/{id:guid}/cancel"] = (Access.Researcher, null),
        ["GET /api/v1/evaluations/{id:guid}/agreement"] = (Access.Researcher, null),
        ["GET /api/v1/evaluations/results.csv"] = (Access.Researcher, null),

        // Exports are the team's generated data: researchers and above; raters are refused.
        ["GET /api/v1/exports/specifications"] = (Access.Researcher, null),
        ["POST /api/v1/exports/specifications"] = (Access.Researcher, null),
        ["GET /api/v1/exports/specifications/{id:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/exports/specifications/{id:guid}/runs"] = (Access.Researcher, null),
        ["GET /api/v1/exports/runs"] = (Access.Researcher, null),
        ["GET /api/v1/exports/runs/{id:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/exports/runs/{id:guid}/cancel"] = (Access.Researcher, null),
        ["POST /api/v1/exports/runs/{id:guid}/retry"] = (Access.Researcher, null),
        ["GET /api/v1/exports/runs/{id:guid}/download"] = (Access.Researcher, null),
        ["HEAD /api/v1/exports/runs/{id:guid}/download"] = (Access.Researcher, null),
        ["GET /api/v1/export-schedules/"] = (Access.Researcher, null),
        ["POST /api/v1/export-schedules/"] = (Access.Researcher, null),
        ["GET /api/v1/export-schedules/{id:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/export-schedules/{id:guid}/pause"] = (Access.Researcher, null),
        ["POST /api/v1/export-schedules/{id:guid}/resume"] = (Access.Researcher, null),
        ["GET /api/v1/export-schedules/{id:guid}/next"] = (Access.Researcher, null),
        ["GET /api/v1/export-schedules/{id:guid}/history"] = (Access.Researcher, null),

        ["GET /api/v1/hosts"] = (Access.Researcher, null),
        ["GET /api/v1/work-items/"] = (Access.Researcher, null),
        ["GET /api/v1/work-items/{id:guid}"] = (Access.Researcher, null),
        ["POST /api/v1/work-items/{id:guid}/cancel"] = (Access.Researcher, null),

        // Raters reach media only through their rating tasks; the team's blobs (datasets, checkpoints) are not theirs.
        ["GET /api/v1/blobs/{**path}"] = (Access.Researcher, null),
        ["HEAD /api/v1/blobs/{**path}"] = (Access.Researcher, null),

        ["GET /api/v1/rating-campaigns/protocols"] = (Access.Rater, null),
        ["GET /api/v1/rating-campaigns/assigned"] = (Access.Rater, null),
        ["GET /api/v1/rating-campaigns/"] = (Access.Researcher, null),
        ["POST /api/v1/rating-campaigns/"] = (Access.Researcher, null),
        ["GET /api/v1/rating-campaigns/{id:guid}"] = (Access.Researcher, null),
        ["GET /api/v1/rating-campaigns/{id:guid}/results"] = (Access.Researcher, null),
        ["GET /api/v1/rating-campaigns/{id:guid}/results.csv"] = (Access.Researcher, null),
        ["POST /api/v1/rating-campaigns/{id:guid}/close"] = (Access.Researcher, null),
        ["GET /api/v1/rating-campaigns/{id:guid}/queue"] = (Access.Rater, null),
        ["GET /api/v1/rating-campaigns/{id:guid}/tasks/next"] = (Access.Rater, null),
        ["GET /api/v1/rating-campaigns/{id:guid}/tasks/{itemId:guid}"] = (Access.Rater, null),
        ["PUT /api/v1/rating-campaigns/{id:guid}/tasks/{itemId:guid}/ratings"] = (Access.Rater, null),
        ["GET /api/v1/rating-campaigns/{id:guid}/tasks/{itemId:guid}/media/{side}"] = (Access.Rater, null),
        ["HEAD /api/v1/rating-campaigns/{id:guid}/tasks/{itemId:guid}/media/{side}"] = (Access.Rater, null),
    };

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_table_says()
    {
        var endpoints = MappedEndpoints();
        Assert.True(endpoints.All(Table.ContainsKey),
            $"Endpoints without an access rule: {string.Join(", ", endpoints.Where(e => !Table.ContainsKey(e)))}. Add them to {nameof(Table)}.");
        Assert.True(Table.Keys.All(endpoints.Contains),
            $"Rules for endpoints that no longer exist: {string.Join(", ", Table.Keys.Where(k => !endpoints.Contains(k)))}.");

        // Fresh tokens: the table revokes the caller's token (DELETE /auth/tokens/current), which runs last.
        var callers = new (Access Access, HttpClient Http, string BlobPrefix)[]
        {
            (Access.Anonymous, app.Anonymous(), app.Admin.BlobPrefix),
            await SignedInAsync(Access.Rater, "access-rater", App.Password),
            await SignedInAsync(Access.Researcher, "access-researcher", App.Password),
            await SignedInAsync(Access.Admin, "access-admin", App.Password),
            await SignedInAsync(Access.PlatformAdmin, MedVidApp.AdminUser, MedVidApp.AdminPassword),
        };
        var failures = new List<string>();
        foreach (var endpoint in endpoints.OrderBy(e => e == "DELETE /api/v1/auth/tokens/current"))
        {
            var (needed, body) = Table[endpoint];
            foreach (var (access, http, blobPrefix) in callers)
            {
                using var response = await http.SendAsync(Request(endpoint, body, blobPrefix));
                var status = (int)response.StatusCode;
                var expected = access >= needed ? "allowed" : access == Access.Anonymous ? "401" : "403";
                var outcome = status is 401 or 403 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "allowed";
                if (outcome != expected) failures.Add($"{endpoint} as {access}: expected {expected}, got {status}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>"METHOD pattern" of every route the app maps.</summary>
    private HashSet<string> MappedEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

    private async Task<(Access, HttpClient, string)> SignedInAsync(Access access, string user, string password)
    {
        var client = await app.LoginAsync(user, password);
        return (access, client.Http, client.BlobPrefix);
    }

    /// <summary>The endpoint with made-up route values (blob paths inside the caller's team) and a JSON body for writes.</summary>
    private static HttpRequestMessage Request(string endpoint, string? body, string blobPrefix)
    {
        var method = endpoint[..endpoint.IndexOf(' ')];
        var pattern = RoutePatternFactory.Parse(endpoint[(method.Length + 1)..]);
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => Value(parameter, blobPrefix),
                    _ => throw new InvalidOperationException($"Unexpected route part in {endpoint}"),
                });
        }
        var request = new HttpRequestMessage(method == "*" ? HttpMethod.Get : new HttpMethod(method), path.ToString());
        if (method is "POST" or "PUT") request.Content = new StringContent(body ?? "{}", Encoding.UTF8, "application/json");
        return request;
    }

    private static string Value(RoutePatternParameterPart parameter, string blobPrefix) => parameter.Name switch
    {
        "path" => $"{blobPrefix}no/such/blob.mp4",
        "media" => "proxy",
        "file" => "manifest",
        "side" => "video",
        "number" => "1",
        "documentName" => "v1",
        _ when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.NewGuid().ToString(),
        _ => throw new InvalidOperationException($"No made-up value for route parameter '{parameter.Name}': add one."),
    };
}
