using Orleans.Configuration;
using Orleans.Hosting;

namespace ActorOrchestrator.Hosting;

/// <summary>
/// How Gateways and node agents reach the silos: found through the membership table in PostgreSQL,
/// retried until one answers, with calls bounded in time.
/// </summary>
public static class ClusterClientSetup
{
    public static void Configure(IClientBuilder client, ClusterSettings cluster)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = cluster.ConnectionString;
        });
        client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
        {
            Console.Error.WriteLine($"No silo answers yet ({exception.Message}); retrying...");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        });
        client.AddActivityPropagation();
    }
}
