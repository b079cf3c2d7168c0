using System.Net;
using MedVid.Distributed.Tests.Infrastructure;

namespace MedVid.Distributed.Tests;

/// <summary>Two silo processes of one Orleans cluster over one database and one bus: the same grain is called through both at once.</summary>
public sealed class SiloReplicaTests(SiloReplicaTests.TwoSilos silos) : IClassFixture<SiloReplicaTests.TwoSilos>
{
    public sealed class TwoSilos : IAsyncLifetime
    {
        internal Cluster Cluster { get; private set; } = null!;
        internal ApiClient A { get; private set; } = null!;
        internal ApiClient B { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Cluster = await Cluster.CreateAsync(nameof(SiloReplicaTests), new Dictionary<string, string>
            {
                // The scheduler's keep-alive reminder, every 2 s instead of every minute, so its ticks can be counted.
                ["ControlPlane__KeepAlivePeriod"] = "00:00:02",
                ["GrainCluster__MinimumReminderPeriod"] = "00:00:01",
            });
            // Both at once over an empty database: both migrate and both try to create the bootstrap admin.
            await Cluster.RunAsync(async () =>
            {
                var started = await Cluster.StartSilosAsync("silo-a", "silo-b");
                (A, B) = (started[0], started[1]);
            });
        }

        public async Task DisposeAsync() => await Cluster.DisposeAsync();
    }

    [Fact]
    public Task Labels_added_concurrently_through_two_replicas_are_all_kept() => silos.Cluster.RunAsync(async () =>
    {
        const int perSilo = 60;
        var dataset = await silos.A.CreateDatasetAsync("labels-race");
        var requests = Enumerable.Range(0, perSilo)
            .SelectMany(i => new[] { (Client: silos.A, Label: $"a-{i:000}"), (Client: silos.B, Label: $"b-{i:000}") })
            .ToList();

        var results = await Task.WhenAll(requests.Select(async r => (r.Client.Name, r.Label, Result: await r.Client.AddLabelAsync(dataset, r.Label))));

        var failed = results.Where(r => r.Result.Status != HttpStatusCode.Created).ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} of {results.Length} label requests did not answer 201:{Environment.NewLine}" +
            string.Join(Environment.NewLine, failed.Take(10).Select(f => $"{f.Name} {f.Label}: {(int)f.Result.Status} {f.Result.Body}")));
        await using (var observer = await ClusterObserver.ConnectAsync(silos.Cluster))
        {
            var hosting = await observer.ActivationSiloPortsAsync("dataset", dataset);
            Assert.True(hosting.Count == 1, $"the dataset grain has {hosting.Count} activations (silo ports {string.Join(",", hosting)})");
        }
        var expected = requests.Select(r => r.Label).Order(StringComparer.Ordinal).ToList();
        foreach (var client in new[] { silos.A, silos.B })
        {
            var labels = (await client.GetDatasetAsync(dataset)).GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
            Assert.True(labels.Count == labels.Distinct().Count(), $"{client.Name} lists a label twice: {string.Join(",", labels)}");
            var missing = expected.Except(labels).ToList();
            Assert.True(missing.Count == 0, $"{client.Name} lost {missing.Count} of {expected.Count} labels: {string.Join(",", missing)}");
            Assert.Equal(expected, labels.Order(StringComparer.Ordinal).ToList());
        }
    });

    [Fact]
    public Task Videos_uploaded_concurrently_through_two_replicas_are_all_kept_and_queued_once() => silos.Cluster.RunAsync(async () =>
    {
        // No compute host runs in this cluster: every ingest item stays queued, which is what is counted here.
        const int perSilo = 8;
        var video = await TestVideos.TestPatternAsync(seconds: 1, width: 160, height: 120, fps: 10);
        var dataset = await silos.B.CreateDatasetAsync("uploads-race");
        var uploads = Enumerable.Range(0, perSilo)
            .SelectMany(i => new[] { (Client: silos.A, File: $"a-{i:00}.mp4"), (Client: silos.B, File: $"b-{i:00}.mp4") })
            .ToList();

        var uploaded = await Task.WhenAll(uploads.Select(u => u.Client.UploadVideoAsync(dataset, video, u.File)));

        foreach (var client in new[] { silos.A, silos.B })
        {
            var videos = (await client.GetDatasetAsync(dataset)).GetProperty("videos").EnumerateArray().ToList();
            Assert.Equal(uploads.Select(u => u.File).Order(StringComparer.Ordinal), videos.Select(v => v.Str("fileName")).Order(StringComparer.Ordinal));
            Assert.All(videos, v => Assert.Equal("Ingesting", v.Str("status")));
        }
        // Each upload enqueued exactly its own ingest item in the scheduler (another grain both replicas wrote at once).
        foreach (var (_, workItemId) in uploaded)
        {
            var item = await silos.A.GetWorkItemAsync(workItemId);
            Assert.True(item.Str("state") == "Queued" && item.Int("attempt") == 0, $"work item {workItemId}: {item.DescribeWorkItem()}");
        }
    });

    [Fact]
    public Task The_portal_as_an_Orleans_client_serves_the_clusters_grains() => silos.Cluster.RunAsync(async () =>
    {
        var dataset = await silos.A.CreateDatasetAsync("seen-by-the-portal");
        Assert.Equal(HttpStatusCode.Created, (await silos.B.AddLabelAsync(dataset, "from-silo-b")).Status);

        using var portal = await silos.Cluster.StartPortalClientAsync("portal");
        var view = await portal.GetDatasetAsync(dataset);
        Assert.Equal("seen-by-the-portal", view.Str("name"));
        Assert.Equal(["from-silo-b"], view.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(HttpStatusCode.Created, (await portal.AddLabelAsync(dataset, "from-portal")).Status);
        Assert.Contains("from-portal", (await silos.A.GetDatasetAsync(dataset)).GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    });

    [Fact]
    public Task The_schedulers_reminder_ticks_once_per_period_across_the_cluster() => silos.Cluster.RunAsync(async () =>
    {
        await silos.A.GetHostsAsync(); // activates the scheduler, which registers its reminder
        await Task.Delay(TimeSpan.FromSeconds(14));

        var ticks = silos.Cluster.Silos.Values
            .SelectMany(s => ReminderTicks(File.ReadAllText(s.Process.LogPath)).Select(due => (Silo: s.Process.Name, Due: due)))
            .ToList();
        var described = string.Join(", ", ticks.Select(t => $"{t.Silo}@{t.Due:HH:mm:ss.fff}"));
        Assert.True(ticks.Count >= 4, $"only {ticks.Count} reminder ticks in 14 s at a 2 s period: {described}");
        Assert.True(ticks.Select(t => t.Due).Distinct().Count() == ticks.Count, $"a tick was delivered twice: {described}");
        var dues = ticks.Select(t => t.Due).Order().ToList();
        var gaps = dues.Zip(dues.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.All(g => g >= TimeSpan.FromSeconds(1)), $"ticks closer than the period: {described}");
    });

    private static IEnumerable<DateTimeOffset> ReminderTicks(string log) =>
        System.Text.RegularExpressions.Regex.Matches(log, @"Scheduler reminder keep-alive fired on \S+ \(due (?<due>[^)]+)\)")
            .Select(m => DateTimeOffset.Parse(m.Groups["due"].Value, System.Globalization.CultureInfo.InvariantCulture));
}
