namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>The local broker (node rabbit@localhost, as infra/services/rabbitmq.sh runs it), driven with rabbitmqctl.</summary>
internal static class RabbitMq
{
    private static readonly Dictionary<string, string> Node = new() { ["RABBITMQ_NODENAME"] = "rabbit@localhost" };

    public static Task<string> CtlAsync(params string[] arguments) =>
        Shell.RunAsync("rabbitmqctl", ["-q", .. arguments], TimeSpan.FromSeconds(60), Node);

    /// <summary>A virtual host of its own, so a test never sees another test's queues; the medvid user may do everything in it.</summary>
    public static async Task CreateVirtualHostAsync(string name)
    {
        try
        {
            await CtlAsync("add_vhost", name);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"Could not create RabbitMQ virtual host {name}. {TestEnvironment.StartServicesHint}", e);
        }
        await CtlAsync("set_permissions", "-p", name, TestEnvironment.RabbitUser, ".*", ".*", ".*");
    }

    public static Task DeleteVirtualHostAsync(string name) => CtlAsync("delete_vhost", name);

    /// <summary>Ready plus unacknowledged messages per queue of a virtual host.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> QueueDepthsAsync(string virtualHost)
    {
        var output = await CtlAsync("list_queues", "-p", virtualHost, "name", "messages", "--no-table-headers");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries))
            .Where(f => f.Length == 2 && int.TryParse(f[1], out _))
            .ToDictionary(f => f[0], f => int.Parse(f[1]));
    }

    /// <summary>A full stop and start of the broker through the project's own script.</summary>
    public static Task<string> RestartBrokerAsync() =>
        Shell.RunAsync("bash", [TestEnvironment.RabbitMqScript, "restart"], TimeSpan.FromSeconds(180), workingDirectory: TestEnvironment.RepositoryRoot);
}
