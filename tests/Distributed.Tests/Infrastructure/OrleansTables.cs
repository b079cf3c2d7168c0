using Azure;
using Azure.Data.Tables;

namespace MedVid.Distributed.Tests.Infrastructure;

/// <summary>Removes one test cluster's rows from Azurite's Orleans tables (membership by cluster id, reminders by service id).</summary>
internal static class OrleansTables
{
    public static async Task DeleteClusterAsync(string clusterAndServiceId)
    {
        var tables = new TableServiceClient(TestEnvironment.AzuriteTablesConnectionString);
        await DeleteWhereAsync(tables.GetTableClient("OrleansSiloInstances"), $"PartitionKey eq '{clusterAndServiceId}'");
        // Reminder partitions are "{serviceId}_{hash}".
        await DeleteWhereAsync(tables.GetTableClient("OrleansReminders"), $"PartitionKey ge '{clusterAndServiceId}_' and PartitionKey lt '{clusterAndServiceId}`'");
    }

    private static async Task DeleteWhereAsync(TableClient table, string filter)
    {
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The table was never created: no silo of this test got that far.
        }
    }
}
