using Microsoft.Extensions.Configuration;

namespace ActorOrchestrator.Hosting;

/// <summary>
/// Settings every process of one cluster shares. Read from configuration: command-line switches
/// (<c>--pg</c>, <c>--cluster-id</c>, ...), environment variables (<c>AO_PG</c>, ...) or appsettings.
/// </summary>
public sealed record ClusterSettings(string ConnectionString, string ClusterId, string ServiceId)
{
    public const string DefaultClusterId = "actororchestrator";

    /// <summary>Switches accepted on every command line, mapped onto configuration keys.</summary>
    public static IDictionary<string, string> CommonSwitches { get; } = new Dictionary<string, string>
    {
        ["--pg"] = "AO_PG",
        ["--cluster-id"] = "AO_CLUSTER_ID",
        ["--advertise"] = "AO_ADVERTISE",
    };

    public static ClusterSettings From(IConfiguration configuration)
    {
        var connection = configuration["AO_PG"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new InvalidOperationException(
                "No PostgreSQL connection string: pass --pg 'Host=127.0.0.1;Port=54329;Database=actororchestrator;Username=postgres' or set AO_PG (deploy/up.sh does this for you).");
        }
        var clusterId = configuration["AO_CLUSTER_ID"] ?? DefaultClusterId;
        return new ClusterSettings(connection, clusterId, "actororchestrator");
    }
}
